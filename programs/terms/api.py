"""Milestones, term mentors and prerequisites (/api/v1/orgs/<org>/)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from programs.cycles.models import Cycle
from programs.filters import (
    MANAGE_TERM,
    MilestoneFilter,
    TermFilter,
    TermMentorFilter,
)
from programs.programs import selectors
from programs.terms import selectors as terms_selectors
from programs.terms import serializers as s
from programs.terms.models import Milestone, Term, TermMentor
from programs.terms.services.mentors import (
    term_mentor_add,
    term_mentor_make_primary,
    term_mentor_remove,
)
from programs.terms.services.terms import (
    milestone_move,
    term_close_applications,
    term_create,
    term_delete,
    term_open_applications,
    term_update,
)


@extend_schema(
    tags=["terms"],
    description="Milestones of the organization's terms. Reading: any member. Moving one "
    "(PATCH `at`): admins; the whole timeline must stay in order.",
)
class MilestonesViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.MilestoneSerializer
    lookup_url_kwarg = "milestone"
    filterset_class = MilestoneFilter
    organization_permission = "programs.view_term"
    permission_map = {"partial_update": MANAGE_TERM}
    http_method_names = ["get", "patch", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Milestone.objects.none()
        return terms_selectors.organization_milestones(organization=self.organization)

    @extend_schema(request=s.MilestoneMoveSerializer, responses={200: s.MilestoneSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.MilestoneMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = milestone_move(
            milestone=self.get_object(), actor=request.user, at=data.validated_data["at"]
        )
        return Response(s.MilestoneSerializer(milestone).data)


@extend_schema(
    tags=["terms"],
    description="Mentors of the organization's terms. Reading: any member. Adding, making "
    "primary and removing: admins. Mentors are chosen from the organization's mentors.",
)
class TermMentorsViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.TermMentorSerializer
    lookup_url_kwarg = "mentor"
    filterset_class = TermMentorFilter
    organization_permission = "programs.view_term"
    permission_map = {
        "create": MANAGE_TERM,
        "partial_update": MANAGE_TERM,
        "destroy": MANAGE_TERM,
    }
    http_method_names = ["get", "post", "patch", "delete", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TermMentor.objects.none()
        return terms_selectors.organization_term_mentors(organization=self.organization)

    @extend_schema(request=s.TermMentorCreateSerializer, responses={201: s.TermMentorSerializer})
    def create(self, request, *args, **kwargs):
        data = s.TermMentorCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        term = pick_in_organization(
            terms_selectors.organization_terms(organization=self.organization),
            values["term"],
            "term",
            "term",
        )
        mentor = term_mentor_add(
            term=term,
            actor=request.user,
            user=_mentor(self.organization, values["user"], "user"),
            is_primary=values["is_primary"],
        )
        return Response(s.TermMentorSerializer(mentor).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TermMentorUpdateSerializer, responses={200: s.TermMentorSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.TermMentorUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        mentor = self.get_object()
        if data.validated_data["is_primary"]:
            mentor = term_mentor_make_primary(mentor=mentor, actor=request.user)
        elif mentor.is_primary:
            raise ValidationError(
                {"is_primary": "Make another mentor primary instead; a term keeps one primary."}
            )
        return Response(s.TermMentorSerializer(mentor).data)

    def perform_destroy(self, instance):
        term_mentor_remove(mentor=instance, actor=self.request.user)


def pick_in_organization(queryset, value, field: str, what: str):
    """A payload's reference to an object of this organization, or a 400 on that field."""
    found = queryset.filter(pk=value).first() if value is not None else None
    if found is None:
        raise ValidationError({field: f"No such {what} in this organization."})
    return found


def _mentor(organization, public_id, field: str):
    user = (
        terms_selectors.organization_mentor_choices(organization=organization)
        .filter(public_id=public_id)
        .first()
    )
    if user is None:
        raise ValidationError({field: "No mentor of this organization has this id."})
    return user


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
        return terms_selectors.organization_terms(organization=self.organization)

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
        term = terms_selectors.term_get(organization=self.organization, pk=term.pk)
        return Response(s.TermSerializer(term).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TermUpdateSerializer, responses={200: s.TermSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.TermUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        term = term_update(term=self.get_object(), actor=request.user, **data.validated_data)
        return Response(
            s.TermSerializer(
                terms_selectors.term_get(organization=self.organization, pk=term.pk)
            ).data
        )

    def perform_destroy(self, instance):
        term_delete(term=instance, actor=self.request.user)

    @extend_schema(request=None, responses={200: s.TermSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request, *args, **kwargs):
        """Open applications now, or reopen them after an early close (before the deadline)."""
        term = term_open_applications(term=self.get_object(), actor=request.user)
        return Response(
            s.TermSerializer(
                terms_selectors.term_get(organization=self.organization, pk=term.pk)
            ).data
        )

    @extend_schema(request=None, responses={200: s.TermSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, *args, **kwargs):
        """Close applications early; drafts already started stay finishable until the deadline."""
        term = term_close_applications(term=self.get_object(), actor=request.user)
        return Response(
            s.TermSerializer(
                terms_selectors.term_get(organization=self.organization, pk=term.pk)
            ).data
        )
