"""The public catalog (/api/v1/programs/): anyone, no sign-in."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from programs import selectors
from programs.api import serializers as s

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
