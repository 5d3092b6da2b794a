"""The public catalog (/api/v1/programs/): anyone, no sign-in."""

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from programs.catalog import selectors as catalog_selectors
from programs.catalog import serializers as catalog_serializers
from programs.catalog.filters import CatalogFilterSet
from programs.programs.models import Program


@extend_schema(
    tags=["catalog"],
    description="The public catalog: approved programs with a term accepting applications, "
    "with those terms. Anyone, signed in or not.",
)
class CatalogView(generics.ListAPIView):
    serializer_class = catalog_serializers.CatalogProgramSerializer
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    filterset_class = CatalogFilterSet

    def get_queryset(self):
        # Only names the model: CatalogFilterSet.qs reads the catalog in the cross-tenant
        # selector and ignores this queryset.
        return Program.objects.none()


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
