import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, owned_object
from core.api import UUID_REGEX
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from mentorship.evaluations import serializers as s
from mentorship.evaluations.models import Evaluation, EvaluationVerdict, MenteeFeedback
from mentorship.evaluations.selectors import mentee_feedback
from mentorship.evaluations.services.feedback import feedback_submit
from mentorship.evaluations.services.verdicts import evaluation_correct, evaluation_verdict
from mentorship.mentorships import selectors as mentorships_selectors


@extend_schema(
    tags=["evaluations"],
    description="The checkpoints of the mentorships you may see (a mentor: those of the terms "
    "they mentor), with their verdicts. A mentor of the mentorship or an admin gives a "
    "verdict: pass, fail (with a reason: the mentorship fails) or extend (whole weeks, at "
    "most 5 in total). Admins correct a pass or fail with a reason. Filter with "
    "`?mentorship=<id>`.",
)
class OrganizationEvaluationsViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.EvaluationSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "evaluation"
    lookup_value_regex = UUID_REGEX
    organization_permission = "mentorship.view_mentorships"
    permission_map = {"correct": "mentorship.correct_verdict"}
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Evaluation.objects.none()
        visible = mentorships_selectors.organization_mentorships(
            user=self.request.user, organization=self.organization
        ).values("pk")
        queryset = (
            Evaluation.objects.filter(organization=self.organization, mentorship__in=visible)
            .select_related("mentorship")
            .prefetch_related(
                Prefetch(
                    "verdicts",
                    queryset=EvaluationVerdict.objects.select_related("given_by"),
                )
            )
            .order_by("mentorship_id", "week", "id")
        )
        mentorship = self.request.query_params.get("mentorship")
        if self.action == "list" and mentorship:
            try:
                queryset = queryset.filter(mentorship__public_id=uuid.UUID(mentorship))
            except ValueError:  # a malformed id finds nothing
                return queryset.none()
        return queryset

    def _respond(self, evaluation):
        evaluation = self.get_queryset().get(pk=evaluation.pk)
        return Response(s.EvaluationSerializer(evaluation).data)

    @extend_schema(
        request=s.VerdictInputSerializer,
        responses={200: s.EvaluationSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def verdict(self, request, *args, **kwargs):
        """Give the checkpoint's verdict, with the rubric."""
        data = s.VerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = self.get_object()
        evaluation_verdict(evaluation=evaluation, actor=request.user, **data.validated_data)
        return self._respond(evaluation)

    @extend_schema(
        request=s.CorrectionInputSerializer,
        responses={200: s.EvaluationSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def correct(self, request, *args, **kwargs):
        """Correct a pass or a fail, with a reason (both verdicts are kept)."""
        data = s.CorrectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = self.get_object()
        evaluation_correct(evaluation=evaluation, actor=request.user, **data.validated_data)
        return self._respond(evaluation)


@extend_schema(
    tags=["evaluations"],
    description="The mentees' own midterm and final feedback. Admins only: it is kept from "
    "the mentors.",
)
class OrganizationFeedbackViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.FeedbackSerializer
    organization_permission = "mentorship.view_mentee_feedback"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MenteeFeedback.objects.none()
        return MenteeFeedback.objects.filter(organization=self.organization).select_related(
            "mentorship"
        )


@extend_schema(
    tags=["me"],
    description="Your own midterm and final feedback as a mentee (kept from your mentors).",
)
class MyFeedbackViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.FeedbackSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MenteeFeedback.objects.none()
        return mentee_feedback(user=self.request.user)

    @extend_schema(request=s.FeedbackInputSerializer, responses={201: s.FeedbackSerializer})
    def create(self, request, *args, **kwargs):
        """Give your midterm or final feedback, once each."""
        data = s.FeedbackInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        with owned_object(
            request, mentorships_selectors.person_mentorship_get, values.pop("mentorship")
        ) as mentorship:
            if mentorship.mentee_id != request.user.pk:
                raise PermissionDenied("Only the mentee gives this feedback.")
            feedback = feedback_submit(mentorship=mentorship, mentee=request.user, **values)
            return Response(s.FeedbackSerializer(feedback).data, status=201)
