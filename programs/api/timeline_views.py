"""Milestones, term mentors and prerequisites (/api/v1/orgs/<org>/)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from programs import selectors
from programs.api import serializers as s
from programs.api.filters import MANAGE_TERM, MilestoneFilter, PrerequisiteFilter, TermMentorFilter
from programs.api.org_views import _mentor, _pick
from programs.models import Milestone, Prerequisite, TermMentor
from programs.services.mentors import term_mentor_add, term_mentor_make_primary, term_mentor_remove
from programs.services.prerequisites import prerequisite_create, prerequisite_delete
from programs.services.terms import (
    milestone_move,
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
        return selectors.organization_milestones(organization=self.organization)

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
        return selectors.organization_term_mentors(organization=self.organization)

    @extend_schema(request=s.TermMentorCreateSerializer, responses={201: s.TermMentorSerializer})
    def create(self, request, *args, **kwargs):
        data = s.TermMentorCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        term = _pick(
            selectors.organization_terms(organization=self.organization),
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


@extend_schema(
    tags=["terms"],
    description="Prerequisites: a term's own and the organization's standing ones "
    "(`term` null, for every term). Reading: any member. Adding and removing: admins.",
)
class PrerequisitesViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.PrerequisiteSerializer
    lookup_url_kwarg = "prerequisite"
    filterset_class = PrerequisiteFilter
    organization_permission = "programs.view_term"
    permission_map = {"create": MANAGE_TERM, "destroy": MANAGE_TERM}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Prerequisite.objects.none()
        return selectors.organization_prerequisites(organization=self.organization)

    @extend_schema(
        request=s.PrerequisiteCreateSerializer, responses={201: s.PrerequisiteSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = s.PrerequisiteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        term_id = values.pop("term", None)
        term = (
            _pick(
                selectors.organization_terms(organization=self.organization),
                term_id,
                "term",
                "term",
            )
            if term_id is not None
            else None
        )
        prerequisite = prerequisite_create(
            organization=self.organization, actor=request.user, term=term, **values
        )
        return Response(s.PrerequisiteSerializer(prerequisite).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        prerequisite_delete(prerequisite=instance, actor=self.request.user)


# --- public -------------------------------------------------------------------------------
