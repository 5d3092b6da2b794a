"""A term's announcements (/api/v1/orgs/<org>/terms/<term>/announcements/): GET lists them
with their progress; POST without `confirm_count` answers how many people it would go to
(the confirmation step), with the matching `confirm_count` it creates and queues it."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tenancy import OrganizationAPIMixin
from mentorship.announcements import serializers as s
from mentorship.announcements.selectors import term_announcements
from mentorship.announcements.services.compose import announcement_check, announcement_create
from programs.terms import selectors as terms_selectors


class TermAnnouncementsView(OrganizationAPIMixin, APIView):
    organization_permission = "programs.manage_term"

    @extend_schema(
        tags=["announcements"],
        operation_id="orgs_terms_announcements_list",
        description="The term's announcements, newest first, with their progress (sent of "
        "total). Admins only.",
        responses={200: s.AnnouncementSerializer(many=True)},
    )
    def get(self, request, org, term):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        return Response(s.AnnouncementSerializer(term_announcements(term=term), many=True).data)

    @extend_schema(
        tags=["announcements"],
        operation_id="orgs_terms_announcements_create",
        description="Without `confirm_count`: a dry run answering how many people the "
        "announcement would go to (200). With it: creates the announcement and queues it "
        "(201), or 409 when the count no longer matches. Admins only.",
        request=s.AnnouncementCreateSerializer,
        responses={
            200: s.AnnouncementDryRunSerializer,
            201: s.AnnouncementSerializer,
            409: None,
        },
    )
    def post(self, request, org, term):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        data = s.AnnouncementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {
            "audience": data.validated_data["audience"],
            "states": data.validated_data["application_states"],
            "subject": data.validated_data["subject"],
            "body": data.validated_data["body"],
        }
        try:
            confirmed = data.validated_data.get("confirm_count")
            if confirmed is None:
                return Response(
                    {"recipients": len(announcement_check(term=term, **fields)["recipients"])}
                )
            announcement = announcement_create(
                term=term, actor=request.user, confirmed_count=confirmed, **fields
            )
        except ValidationError as error:
            raise drf_serializers.ValidationError(error.message_dict) from error
        announcement.sent = announcement.failed = 0
        return Response(s.AnnouncementSerializer(announcement).data, status=status.HTTP_201_CREATED)
