from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, OwnedObjectAPIMixin
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from mentorship.certificates import selectors
from mentorship.certificates import serializers as s
from mentorship.certificates.models import Certificate
from mentorship.certificates.pdf import certificate_pdf_response
from mentorship.certificates.services import certificate_revoke

VERIFICATION_REGEX = r"[A-Za-z0-9_-]{8,32}"


@extend_schema(
    tags=["certificates"],
    description="Letters of completion of the organization's graduates (admins and "
    "coordinators). Admins revoke one with a reason, shown on its public verification page.",
)
class OrganizationCertificatesViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.CertificateSerializer
    lookup_field = "verification_id"
    lookup_url_kwarg = "certificate"
    lookup_value_regex = VERIFICATION_REGEX
    organization_permission = "mentorship.view_every_mentorship"
    permission_map = {"revoke": "mentorship.revoke_certificate"}
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return selectors.organization_certificates(organization=self.organization).select_related(
            "mentorship"
        )

    @extend_schema(
        request=s.RevokeInputSerializer,
        responses={200: s.CertificateSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def revoke(self, request, *args, **kwargs):
        """Revoke the letter, with a reason."""
        data = s.RevokeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = certificate_revoke(
            certificate=self.get_object(), actor=request.user, **data.validated_data
        )
        return Response(s.CertificateSerializer(certificate).data)


@extend_schema(tags=["me"], description="Your letters of completion as a graduate.")
class MyCertificatesViewSet(
    OwnedObjectAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.CertificateSerializer
    owned_lookup = selectors.mentee_certificate_get
    lookup_url_kwarg = "certificate"
    lookup_value_regex = VERIFICATION_REGEX
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return selectors.mentee_certificates(user=self.request.user)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(description="The letter as a PDF.")}
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, *args, **kwargs):
        """The letter of completion as a PDF, with its verification address and QR code."""
        return certificate_pdf_response(self.get_object())
