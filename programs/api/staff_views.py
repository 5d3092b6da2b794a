"""Cycles and program approval (/api/v1/staff/): platform staff."""

from django_filters import rest_framework as filters
from django_scopes import scopes_disabled
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.tenancy import StaffAPIMixin
from programs import selectors
from programs.api import serializers as s
from programs.models import Program, ProgramStatus
from programs.services.cycles import cycle_create, cycle_update
from programs.services.programs import (
    program_approve,
    program_reject,
)


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
    lookup_value_regex = "[0-9]+"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Program.objects.none()
        wanted = self.request.query_params.get("status", ProgramStatus.SUBMITTED)
        if wanted and wanted not in ProgramStatus.values:
            raise ValidationError({"status": f"Use one of: {', '.join(ProgramStatus.values)}."})
        return selectors.staff_programs(status=wanted)

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
