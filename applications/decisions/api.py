"""API of the decisions area: decisions, bulk decline and decision texts under
/api/v1/orgs/<org>/. Thin shells over applications.decisions.services (the mentee's offers
and the mentorships have their API in mentorship/)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tenancy import OrganizationAPIMixin
from applications.apply.models import Application
from applications.decisions import selectors
from applications.decisions import serializers as s
from applications.decisions.filters import DecisionFilterSet
from applications.decisions.services.accept import (
    application_accept,
    application_decline,
    program_texts_update,
    term_decline_unshortlisted,
)
from core.api import UUID_REGEX
from core.filters import ListFilterBackend
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from programs.programs import selectors as program_selectors
from programs.terms import selectors as terms_selectors


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@extend_schema(
    tags=["decisions"],
    description="Decided and undecided (submitted) applications of the organization, with "
    "their offers. Admins and coordinators read every term's; a mentor reads only the terms "
    "they mentor (another term's applicant answers 404). Admins accept; admins and "
    "coordinators decline (mentors of the term too where the organization's policy lets "
    "mentors decide); admins read the history. "
    "Accepting is refused when the term is full or another program accepted the mentee "
    "this cycle. Decision endpoints honour an Idempotency-Key header.",
)
class DecisionsViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.ApplicationDecisionSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "application"
    lookup_value_regex = UUID_REGEX
    organization_permission = "applications.view_decision"
    permission_map = {
        "accept": "applications.accept_application",
        "decline": "applications.decline_application",
        "history": "applications.view_application_history",
        "decline_unshortlisted": "applications.bulk_decline",
    }
    filter_backends = [ListFilterBackend]  # ?term= narrows the list, not a decision
    filterset_class = DecisionFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return selectors.organization_decisions(
            user=self.request.user, organization=self.organization
        )

    def _answer(self, application) -> Response:
        fresh = selectors.organization_decisions(
            user=self.request.user, organization=self.organization
        ).get(pk=application.pk)
        return Response(s.ApplicationDecisionSerializer(fresh).data)

    @extend_schema(
        request=None,
        responses={200: s.ApplicationDecisionSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request, *args, **kwargs):
        """Accept a submitted applicant: takes a slot of the term and the mentee's one
        acceptance of the cycle; the mentee sees the offer at the results announcement."""
        application = application_accept(application=self.get_object(), actor=request.user)
        return self._answer(application)

    @extend_schema(
        request=None,
        responses={200: s.ApplicationDecisionSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, *args, **kwargs):
        """Decline a submitted applicant (final for this term), with the program's feedback."""
        application = application_decline(application=self.get_object(), actor=request.user)
        return self._answer(application)

    @extend_schema(responses={200: s.DecisionHistoryEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request, *args, **kwargs):
        """Every state change of the application and its offer: who, when, from, to, why."""
        events = selectors.application_full_history(application=self.get_object())
        return Response(s.DecisionHistoryEventSerializer(events, many=True).data)

    @extend_schema(
        request=s.BulkDeclineInputSerializer,
        responses={200: s.BulkDeclineResultSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=False, methods=["post"], url_path="decline-unshortlisted")
    @idempotent
    def decline_unshortlisted(self, request, *args, **kwargs):
        """Decline every submitted applicant of a term that nobody shortlisted."""
        data = s.BulkDeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        term = (
            terms_selectors.organization_terms(organization=self.organization)
            .filter(pk=data.validated_data["term"])
            .first()
        )
        if term is None:
            raise ValidationError({"term": "No such term in this organization."})
        result = term_decline_unshortlisted(
            term=term,
            actor=request.user,
            expected_count=data.validated_data.get("expected_count"),
        )
        return Response(s.BulkDeclineResultSerializer(result).data)


@extend_schema(
    tags=["decisions"],
    description="A program's decline feedback (sent to declined applicants) and agreement "
    "(signed by accepted mentees); `{program}` stands for the program's name. Any member "
    "reads; admins change.",
)
class ProgramDecisionTextsView(OrganizationAPIMixin, APIView):
    # Read and changed by admins, as on the page (/o/<org>/programs/<program>/decision-texts/).
    organization_permission = "applications.manage_decision_texts"

    def _program(self, slug):
        return program_selectors.program_get(organization=self.organization, slug=slug)

    @extend_schema(responses={200: s.ProgramDecisionTextsSerializer})
    def get(self, request, *args, program, **kwargs):
        texts = selectors.program_texts(program=self._program(program))
        return Response(s.ProgramDecisionTextsSerializer(texts).data)

    @extend_schema(
        request=s.ProgramDecisionTextsSerializer, responses={200: s.ProgramDecisionTextsSerializer}
    )
    def patch(self, request, *args, program, **kwargs):
        data = s.ProgramDecisionTextsSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        texts = program_texts_update(
            program=self._program(program), actor=request.user, **data.validated_data
        )
        return Response(s.ProgramDecisionTextsSerializer(texts).data)
