from django.core.exceptions import ValidationError
from django.http import Http404
from django_filters import rest_framework as filters
from django_scopes import scopes_disabled
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, StaffAPIMixin
from programs import selectors
from programs.api import serializers as s
from programs.models import Cycle, Milestone, Prerequisite, Program, Term, TermMentor
from programs.services.cycles import cycle_create, cycle_update
from programs.services.mentors import term_mentor_add, term_mentor_make_primary, term_mentor_remove
from programs.services.prerequisites import prerequisite_create, prerequisite_delete
from programs.services.programs import (
    program_approve,
    program_archive,
    program_create,
    program_reject,
    program_submit,
    program_update,
)
from programs.services.terms import (
    milestone_move,
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


# Filtersets are declared unscoped (django-scopes caveat: declaring one may touch managers).
with scopes_disabled():

    class ProgramFilter(filters.FilterSet):
        status = filters.CharFilter()

        class Meta:
            model = Program
            fields = ["status"]

    class TermFilter(filters.FilterSet):
        program = filters.CharFilter(field_name="program__slug")
        cycle = filters.NumberFilter(field_name="cycle_id")
        kind = filters.CharFilter()

        class Meta:
            model = Term
            fields = ["program", "cycle", "kind"]

    class MilestoneFilter(filters.FilterSet):
        term = filters.NumberFilter(field_name="term_id")
        kind = filters.CharFilter()

        class Meta:
            model = Milestone
            fields = ["term", "kind"]

    class TermMentorFilter(filters.FilterSet):
        term = filters.NumberFilter(field_name="term_id")

        class Meta:
            model = TermMentor
            fields = ["term"]

    class PrerequisiteFilter(filters.FilterSet):
        term = filters.NumberFilter(field_name="term_id")
        standing = filters.BooleanFilter(field_name="term", lookup_expr="isnull")

        class Meta:
            model = Prerequisite
            fields = ["term", "standing"]


MANAGE_PROGRAM = "programs.manage_program"
MANAGE_TERM = "programs.manage_term"


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

CATALOG_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="Full-text search (name, description, organization, skills).",
    ),
    OpenApiParameter("skill", OpenApiTypes.STR, description="A skill's slug."),
    OpenApiParameter("organization", OpenApiTypes.STR, description="An organization's slug."),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=["full_time", "part_time"]),
]


@extend_schema(
    tags=["catalog"],
    parameters=CATALOG_PARAMETERS,
    description="The public catalog: approved programs with a term accepting applications, "
    "with those terms. Anyone, signed in or not.",
)
class CatalogView(generics.ListAPIView):
    serializer_class = s.CatalogProgramSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        return selectors.catalog_programs(
            selectors.CatalogFilters(
                q=params.get("q", ""),
                skill=params.get("skill", ""),
                organization=params.get("organization", ""),
                kind=params.get("kind", ""),
            )
        )


@extend_schema(
    tags=["catalog"],
    description="A published program's public page: description, current terms with "
    "capacity, mentors, prerequisites and milestones. Anyone.",
)
class CatalogProgramView(generics.RetrieveAPIView):
    serializer_class = s.PublicProgramSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        program = selectors.public_program(
            org=self.kwargs["org"], slug=self.kwargs["program"], user=self.request.user
        )
        if program.status != "approved":  # the API shows published programs only
            raise Http404("No such program.")
        return program


@extend_schema(
    tags=["catalog"], description="Cycles: the platform-wide application periods. Anyone."
)
class CyclesView(generics.ListAPIView):
    serializer_class = s.CycleSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.cycles()


@extend_schema(tags=["catalog"], description="One cycle. Anyone.")
class CycleView(generics.RetrieveAPIView):
    serializer_class = s.CycleSerializer
    permission_classes = [AllowAny]
    lookup_url_kwarg = "cycle"

    def get_queryset(self):
        return selectors.cycles()


# --- staff --------------------------------------------------------------------------------


@extend_schema(
    tags=["staff"],
    description="Cycles: create and change. Platform staff only. Every term's application "
    "window must stay inside its cycle's.",
)
class StaffCyclesViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.CycleSerializer
    lookup_url_kwarg = "cycle"
    http_method_names = ["get", "post", "patch", "options"]

    def get_queryset(self):
        return selectors.cycles()

    @extend_schema(request=s.CycleWriteSerializer, responses={201: s.CycleSerializer})
    def create(self, request, *args, **kwargs):
        data = s.CycleWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = cycle_create(actor=request.user, **data.validated_data)
        return Response(s.CycleSerializer(cycle).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CycleUpdateSerializer, responses={200: s.CycleSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.CycleUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        cycle = cycle_update(cycle=self.get_object(), actor=request.user, **data.validated_data)
        return Response(s.CycleSerializer(cycle).data)


with scopes_disabled():

    class StaffProgramFilter(filters.FilterSet):
        status = filters.CharFilter()

        class Meta:
            model = Program
            fields = ["status"]


@extend_schema(
    tags=["staff"],
    parameters=[OpenApiParameter("status", OpenApiTypes.STR, description="Default: submitted.")],
    description="Programs of every organization, for approval. Platform staff only. "
    "Approving publishes; rejecting needs a reason; the organization's admins are emailed.",
)
class StaffProgramsViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.StaffProgramSerializer
    lookup_url_kwarg = "program"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Program.objects.none()
        return selectors.staff_programs(status=self.request.query_params.get("status", "submitted"))

    def get_object(self):
        return selectors.staff_program_get(pk=self.kwargs["program"])

    @extend_schema(request=None, responses={200: s.StaffProgramSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        program = program_approve(program=self.get_object(), actor=request.user)
        return Response(s.StaffProgramSerializer(program).data)

    @extend_schema(request=s.ProgramRejectSerializer, responses={200: s.StaffProgramSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        data = s.ProgramRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = program_reject(
            program=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.StaffProgramSerializer(program).data)
