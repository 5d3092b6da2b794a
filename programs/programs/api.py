"""Cycles and program approval (/api/v1/staff/): platform staff."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, StaffAPIMixin
from core.filters import ListFilterBackend
from programs.filters import MANAGE_PROGRAM, ProgramFilter
from programs.programs import selectors
from programs.programs import serializers as programs_serializers
from programs.programs.filters import StaffProgramFilterSet
from programs.programs.models import Program
from programs.programs.services import (
    program_approve,
    program_archive,
    program_create,
    program_reject,
    program_submit,
    program_update,
)


@extend_schema(
    tags=["staff"],
    description="Programs of every organization, for approval. Platform staff only. "
    "Approving publishes; rejecting needs a reason; the organization's admins are emailed.",
)
class StaffProgramsViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = programs_serializers.StaffProgramSerializer
    lookup_url_kwarg = "program"
    lookup_value_regex = "[0-9]+"
    filter_backends = [ListFilterBackend]
    filterset_class = StaffProgramFilterSet

    def get_queryset(self):
        # Only names the model: StaffProgramFilterSet.qs builds the programs' queryset in
        # the cross-tenant selector (paged in the database by the list) and ignores this one.
        return Program.objects.none()

    def get_object(self):
        return selectors.staff_program_get(pk=self.kwargs["program"])

    @extend_schema(request=None, responses={200: programs_serializers.StaffProgramSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        program = program_approve(program=self.get_object(), actor=request.user)
        return Response(programs_serializers.StaffProgramSerializer(program).data)

    @extend_schema(
        request=programs_serializers.ProgramRejectSerializer,
        responses={200: programs_serializers.StaffProgramSerializer},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        data = programs_serializers.ProgramRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = program_reject(
            program=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(programs_serializers.StaffProgramSerializer(program).data)


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
    serializer_class = programs_serializers.ProgramSerializer
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

    @extend_schema(
        request=programs_serializers.ProgramWriteSerializer,
        responses={201: programs_serializers.ProgramSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = programs_serializers.ProgramWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = program_create(
            organization=self.organization, actor=request.user, **data.validated_data
        )
        return Response(
            programs_serializers.ProgramSerializer(program).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=programs_serializers.ProgramUpdateSerializer,
        responses={200: programs_serializers.ProgramSerializer},
    )
    def partial_update(self, request, *args, **kwargs):
        data = programs_serializers.ProgramUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        program = program_update(
            program=self.get_object(), actor=request.user, **data.validated_data
        )
        return Response(programs_serializers.ProgramSerializer(program).data)

    @extend_schema(request=None, responses={200: programs_serializers.ProgramSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        program = program_submit(program=self.get_object(), actor=request.user)
        return Response(programs_serializers.ProgramSerializer(program).data)

    @extend_schema(request=None, responses={200: programs_serializers.ProgramSerializer})
    @action(detail=True, methods=["post"])
    def archive(self, request, *args, **kwargs):
        program = program_archive(program=self.get_object(), actor=request.user)
        return Response(programs_serializers.ProgramSerializer(program).data)

    http_method_names = ["get", "post", "patch", "options"]
