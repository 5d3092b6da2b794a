"""The public catalog (/api/v1/programs/): anyone, no sign-in."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from programs.catalog import selectors as catalog_selectors
from programs.catalog import serializers as catalog_serializers

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
    serializer_class = catalog_serializers.CatalogProgramSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        return catalog_selectors.catalog_programs(
            catalog_selectors.CatalogFilters(
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
    serializer_class = catalog_serializers.PublicProgramSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        program = catalog_selectors.public_program(
            org=self.kwargs["org"], slug=self.kwargs["program"], user=self.request.user
        )
        if program.status != "approved":  # the API shows published programs only
            raise Http404("No such program.")
        return program
