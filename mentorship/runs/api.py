"""API of matching runs. Staff: /api/v1/staff/matching-runs/ (list, start, one run with its
whole result, publish, audit export). An organization's admins:
/api/v1/orgs/<org>/matching-runs/ (their terms' preview)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, StaffAPIMixin
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from mentorship.runs import selectors
from mentorship.runs import serializers as s
from mentorship.runs.models import MatchRun
from mentorship.runs.services.runs import match_run_publish, match_run_start


@extend_schema(
    tags=["matching"],
    description="Matching runs of matched cycles, across organizations. Platform staff only.",
)
class StaffMatchRunsViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.MatchRunSerializer
    lookup_url_kwarg = "run"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.runs()

    @extend_schema(
        request=s.MatchRunStartSerializer,
        responses={201: s.MatchRunSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        """Start a run of a matched cycle (after its applications closed); it runs as a
        background job: poll the run for its progress."""
        data = s.MatchRunStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = selectors.cycle_get(pk=data.validated_data["cycle"])
        run = match_run_start(cycle=cycle, actor=request.user)
        return Response(s.MatchRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.StaffPreviewSerializer})
    @action(detail=True, methods=["get"])
    def preview(self, request, *args, **kwargs):
        """The whole result: fill rate per term, share placed at each choice."""
        run = self.get_object()
        preview = (
            selectors.run_staff_preview(run=selectors.run_get(pk=run.pk))
            if run.status == "succeeded"
            else {"fill": [], "shares": []}
        )
        return Response(s.StaffPreviewSerializer({"run": run, **preview}).data)

    @extend_schema(responses={200: s.ExportSerializer})
    @action(detail=True, methods=["get"])
    def export(self, request, *args, **kwargs):
        """The audit export: the frozen inputs and the result, ids as strings."""
        run = selectors.run_get(pk=self.get_object().pk)
        return Response(s.ExportSerializer(selectors.run_export(run=run)).data)

    @extend_schema(
        request=None,
        responses={200: s.PublishResultSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def publish(self, request, *args, **kwargs):
        """Accept every proposed placement through the decision service. Publishing twice
        changes nothing; a run whose inputs changed is refused (run again)."""
        result = match_run_publish(run=self.get_object(), actor=request.user)
        return Response(s.PublishResultSerializer(result).data)


@extend_schema(
    tags=["matching"],
    description="Matching runs of the cycles the organization has terms in: its own terms' "
    "proposed placements, and why applicants ranked above the last placed went elsewhere. "
    "Admins.",
)
class OrganizationMatchRunsViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    organization_permission = "mentorship.preview_matching"
    lookup_url_kwarg = "run"
    lookup_value_regex = r"[0-9]+"
    serializer_class = s.OrgRunSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MatchRun.objects.none()
        return selectors.organization_runs(organization=self.organization)

    @extend_schema(responses={200: s.OrgPreviewSerializer})
    def retrieve(self, request, *args, **kwargs):
        run = selectors.organization_run_get(organization=self.organization, pk=kwargs["run"])
        terms = selectors.organization_preview(run=run, organization=self.organization)
        return Response(s.OrgPreviewSerializer({"run": run, "terms": terms}).data)
