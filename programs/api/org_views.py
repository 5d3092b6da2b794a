"""Programs and terms of an organization (/api/v1/orgs/<org>/)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from programs import selectors
from programs.api import serializers as s
from programs.api.filters import MANAGE_PROGRAM, MANAGE_TERM, ProgramFilter, TermFilter
from programs.models import Cycle, Program, Term
from programs.services.programs import (
    program_archive,
    program_create,
    program_submit,
    program_update,
)
from programs.services.terms import (
    term_close_applications,
    term_create,
    term_delete,
    term_open_applications,
    term_update,
)


def _pick(queryset, value, field: str, what: str):
    """A payload's reference to an object of this organization, or a 400 on that field."""
    found = queryset.filter(pk=value).first() if value is not None else None
    if found is None:
        raise ValidationError({field: f"No such {what} in this organization."})
    return found


def _mentor(organization, public_id, field: str):
    user = (
        selectors.organization_mentor_choices(organization=organization)
        .filter(public_id=public_id)
        .first()
    )
    if user is None:
        raise ValidationError({field: "No mentor of this organization has this id."})
    return user


@extend_schema(
    tags=["programs"],
    description="The organization's programs. Reading: any member. Creating, editing, "
    "submitting for approval and archiving: admins. An approved program stays published "
    "when edited.",
)
class ProgramsViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.ProgramSerializer
    lookup_field = "slug"
    lookup_url_kwarg = "program"
    filterset_class = ProgramFilter
    organization_permission = "programs.view_program"
    permission_map = {
        "create": MANAGE_PROGRAM,
        "partial_update": MANAGE_PROGRAM,
        "submit": MANAGE_PROGRAM,
        "archive": MANAGE_PROGRAM,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Program.objects.none()
        return selectors.organization_programs(organization=self.organization)

    @extend_schema(request=s.ProgramWriteSerializer, responses={201: s.ProgramSerializer})
    def create(self, request, *args, **kwargs):
        data = s.ProgramWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = program_create(
            organization=self.organization, actor=request.user, **data.validated_data
        )
        return Response(s.ProgramSerializer(program).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ProgramUpdateSerializer, responses={200: s.ProgramSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.ProgramUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        program = program_update(
            program=self.get_object(), actor=request.user, **data.validated_data
        )
        return Response(s.ProgramSerializer(program).data)

    @extend_schema(request=None, responses={200: s.ProgramSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        program = program_submit(program=self.get_object(), actor=request.user)
        return Response(s.ProgramSerializer(program).data)

    @extend_schema(request=None, responses={200: s.ProgramSerializer})
    @action(detail=True, methods=["post"])
    def archive(self, request, *args, **kwargs):
        program = program_archive(program=self.get_object(), actor=request.user)
        return Response(s.ProgramSerializer(program).data)

    http_method_names = ["get", "post", "patch", "options"]


@extend_schema(
    tags=["terms"],
    description="Terms of the organization's programs, with their phase, timeline and "
    "mentors. Reading: any member. Creating (the timeline is generated from the preset), "
    "changing capacity, deleting (refused once it has applicants), opening and closing "
    "applications: admins.",
)
class TermsViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.TermSerializer
    lookup_url_kwarg = "term"
    filterset_class = TermFilter
    organization_permission = "programs.view_term"
    permission_map = {
        "create": MANAGE_TERM,
        "partial_update": MANAGE_TERM,
        "destroy": MANAGE_TERM,
        "open": MANAGE_TERM,
        "close": MANAGE_TERM,
    }
    http_method_names = ["get", "post", "patch", "delete", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Term.objects.none()
        return selectors.organization_terms(organization=self.organization)

    @extend_schema(request=s.TermCreateSerializer, responses={201: s.TermSerializer})
    def create(self, request, *args, **kwargs):
        data = s.TermCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        program = (
            selectors.organization_programs(organization=self.organization)
            .filter(slug=values["program"])
            .first()
        )
        if program is None:
            raise ValidationError({"program": "No such program in this organization."})
        cycle = Cycle.objects.filter(pk=values["cycle"]).first()
        if cycle is None:
            raise ValidationError({"cycle": "No such cycle."})
        primary = values.get("primary_mentor")
        term = term_create(
            program=program,
            actor=request.user,
            cycle=cycle,
            kind=values["kind"],
            start_date=values["start_date"],
            capacity=values["capacity"],
            primary_mentor=_mentor(self.organization, primary, "primary_mentor")
            if primary
            else None,
            co_mentors=[
                _mentor(self.organization, uid, "co_mentors")
                for uid in values.get("co_mentors", [])
            ],
        )
        term = selectors.term_get(organization=self.organization, pk=term.pk)
        return Response(s.TermSerializer(term).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TermUpdateSerializer, responses={200: s.TermSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.TermUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        term = term_update(term=self.get_object(), actor=request.user, **data.validated_data)
        return Response(
            s.TermSerializer(selectors.term_get(organization=self.organization, pk=term.pk)).data
        )

    def perform_destroy(self, instance):
        term_delete(term=instance, actor=self.request.user)

    @extend_schema(request=None, responses={200: s.TermSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request, *args, **kwargs):
        """Open applications now, or reopen them after an early close (before the deadline)."""
        term = term_open_applications(term=self.get_object(), actor=request.user)
        return Response(
            s.TermSerializer(selectors.term_get(organization=self.organization, pk=term.pk)).data
        )

    @extend_schema(request=None, responses={200: s.TermSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, *args, **kwargs):
        """Close applications early; drafts already started stay finishable until the deadline."""
        term = term_close_applications(term=self.get_object(), actor=request.user)
        return Response(
            s.TermSerializer(selectors.term_get(organization=self.organization, pk=term.pk)).data
        )
