from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from programs.filters import MANAGE_TERM, PrerequisiteFilter
from programs.prerequisites import selectors as prerequisites_selectors
from programs.prerequisites import serializers as prerequisites_serializers
from programs.prerequisites.models import Prerequisite
from programs.prerequisites.services import prerequisite_create, prerequisite_delete
from programs.terms import selectors as terms_selectors
from programs.terms.api import pick_in_organization


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
    serializer_class = prerequisites_serializers.PrerequisiteSerializer
    lookup_url_kwarg = "prerequisite"
    filterset_class = PrerequisiteFilter
    organization_permission = "programs.view_term"
    permission_map = {"create": MANAGE_TERM, "destroy": MANAGE_TERM}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Prerequisite.objects.none()
        return prerequisites_selectors.organization_prerequisites(organization=self.organization)

    @extend_schema(
        request=prerequisites_serializers.PrerequisiteCreateSerializer,
        responses={201: prerequisites_serializers.PrerequisiteSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = prerequisites_serializers.PrerequisiteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        term_id = values.pop("term", None)
        term = (
            pick_in_organization(
                terms_selectors.organization_terms(organization=self.organization),
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
        return Response(
            prerequisites_serializers.PrerequisiteSerializer(prerequisite).data,
            status=status.HTTP_201_CREATED,
        )

    def perform_destroy(self, instance):
        prerequisite_delete(prerequisite=instance, actor=self.request.user)
