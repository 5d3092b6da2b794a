"""A term's reminders (/api/v1/orgs/<org>/terms/<term>/reminders/): GET lists each rule's
upcoming reminders (send times, audience, a dry-run sample) and what went out; POST pauses
or resumes a rule for the term. Admins only."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tenancy import OrganizationAPIMixin
from core.reminders.services import reminder_pause_set
from programs.term_reminders import serializers as s
from programs.term_reminders.selectors import term_reminders
from programs.terms import selectors as terms_selectors


class TermRemindersView(OrganizationAPIMixin, APIView):
    organization_permission = "programs.manage_term"

    @extend_schema(
        tags=["reminders"],
        operation_id="orgs_terms_reminders_list",
        description="Each reminder rule's upcoming reminders about the term (next 30 days), "
        "with a dry-run sample rendered as the sweep renders it, whether an admin paused the "
        "rule for the term, and the emails that went out. Admins only.",
        responses={200: s.TermReminderSerializer(many=True)},
    )
    def get(self, request, org, term):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        overview = term_reminders(term=term, now=timezone.now())
        return Response(s.TermReminderSerializer(overview, many=True).data)

    @extend_schema(
        tags=["reminders"],
        operation_id="orgs_terms_reminders_pause",
        description="Pauses (`paused: true`) or resumes a rule for the term. The sweep sends "
        "none of a paused rule's reminders about the term; resuming sends what is still due.",
        request=s.TermReminderPauseSerializer,
        responses={200: s.TermReminderPauseSerializer},
    )
    def post(self, request, org, term):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        data = s.TermReminderPauseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            reminder_pause_set(
                rule=data.validated_data["rule"],
                term_id=term.pk,
                organization=self.organization,
                paused=data.validated_data["paused"],
                actor=request.user,
            )
        except ValidationError as error:
            raise drf_serializers.ValidationError(error.message_dict) from error
        return Response(data.validated_data)
