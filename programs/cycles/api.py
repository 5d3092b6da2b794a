from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.tenancy import StaffAPIMixin
from programs.cycles import selectors as cycles_selectors
from programs.cycles import serializers as cycles_serializers
from programs.cycles.services import cycle_create, cycle_update


@extend_schema(
    tags=["staff"],
    description="Cycles: create and change. Platform staff only. Every term's application "
    "window must stay inside its cycle's.",
)
class StaffCyclesViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = cycles_serializers.CycleSerializer
    lookup_url_kwarg = "cycle"
    http_method_names = ["get", "post", "patch", "options"]

    def get_queryset(self):
        return cycles_selectors.cycles()

    @extend_schema(
        request=cycles_serializers.CycleWriteSerializer,
        responses={201: cycles_serializers.CycleSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = cycles_serializers.CycleWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = cycle_create(actor=request.user, **data.validated_data)
        return Response(
            cycles_serializers.CycleSerializer(cycle).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=cycles_serializers.CycleUpdateSerializer,
        responses={200: cycles_serializers.CycleSerializer},
    )
    def partial_update(self, request, *args, **kwargs):
        data = cycles_serializers.CycleUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        cycle = cycle_update(cycle=self.get_object(), actor=request.user, **data.validated_data)
        return Response(cycles_serializers.CycleSerializer(cycle).data)


@extend_schema(
    tags=["catalog"], description="Cycles: the platform-wide application periods. Anyone."
)
class CyclesView(generics.ListAPIView):
    serializer_class = cycles_serializers.CycleSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return cycles_selectors.cycles()


@extend_schema(tags=["catalog"], description="One cycle. Anyone.")
class CycleView(generics.RetrieveAPIView):
    serializer_class = cycles_serializers.CycleSerializer
    permission_classes = [AllowAny]
    lookup_url_kwarg = "cycle"

    def get_queryset(self):
        return cycles_selectors.cycles()
