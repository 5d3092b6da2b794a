from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from core.api import UUID_REGEX
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from payments.plans import serializers as s
from payments.plans.models import StipendPlan, StipendPolicy
from payments.plans.services import pending_plans, plan_resolve, policy_set
from programs.programs.models import Program


@extend_schema(
    tags=["payouts"],
    description="The stipend policy of each program (admins): from the table (scaled for "
    "part-time), flat or unpaid, and 2-4 installments tied to checkpoints summing to 100 %. "
    "POST sets a program's policy (plans frozen earlier keep theirs; active mentorships "
    "without a plan get one). `pending/` lists plans waiting for an amount (the table had "
    "none for the mentee's country) and `pending/<id>/resolve/` sets it.",
)
class OrganizationStipendPoliciesViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.StipendPolicySerializer
    organization_permission = "payments.manage_stipend_policy"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return StipendPolicy.objects.none()
        return (
            StipendPolicy.objects.filter(organization=self.organization)
            .select_related("program")
            .order_by("program__name", "pk")
        )

    @extend_schema(
        request=s.StipendPolicyInputSerializer,
        responses={200: s.StipendPolicySerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        data = s.StipendPolicyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        program = Program.objects.filter(
            organization=self.organization, slug=values.pop("program")
        ).first()
        if program is None:
            raise ValidationError({"program": "No program of this organization has this slug."})
        if "schedule" in values:
            values["schedule"] = [dict(item) for item in values["schedule"]]
        policy = policy_set(program=program, actor=request.user, **values)
        return Response(s.StipendPolicySerializer(policy).data)

    @extend_schema(responses={200: s.PendingPlanSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def pending(self, request, *args, **kwargs):
        """Plans waiting for an amount."""
        rows = pending_plans(organization=self.organization)[:1000]
        return Response(s.PendingPlanSerializer(rows, many=True).data)

    @extend_schema(
        request=s.ResolveInputSerializer,
        responses={200: s.PendingPlanSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=False, methods=["post"], url_path=rf"pending/(?P<plan>{UUID_REGEX})/resolve")
    @idempotent
    def resolve(self, request, *args, plan=None, **kwargs):
        """Set a pending plan's amount (`amount`, the whole plan in the policy's currency),
        or, without an amount, take it from the table as it is now."""
        data = s.ResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = (
            StipendPlan.objects.filter(organization=self.organization, public_id=plan)
            .select_related("mentorship__mentee", "mentorship__term__program")
            .first()
        )
        if found is None:
            raise Http404()
        found = plan_resolve(
            plan=found, actor=request.user, amount=data.validated_data.get("amount")
        )
        return Response(s.PendingPlanSerializer(found).data)
