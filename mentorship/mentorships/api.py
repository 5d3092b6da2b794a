from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, OwnedObjectAPIMixin
from applications.decisions import selectors
from applications.decisions import serializers as s
from core.api import UUID_REGEX
from core.filters import ListFilterBackend
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from mentorship.mentorships import selectors as mentorships_selectors
from mentorship.mentorships import serializers as mentorships_serializers
from mentorship.mentorships.filters import MentorshipAPIFilterSet
from mentorship.mentorships.models import Mentorship
from mentorship.mentorships.services import mentorship_end


@extend_schema(
    tags=["mentorships"],
    description="The organization's mentorships with their mentors, dates and standing (on "
    "track, evaluation overdue, extended, failed, graduated, ended). Any member reads (a "
    "mentor: those of the terms they mentor); filter by `term`, `standing` and `q`. Admins "
    "read the history and end one with a reason (the mentee and mentors are told).",
)
class OrganizationMentorshipsViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = mentorships_serializers.OrganizationMentorshipSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "mentorship"
    lookup_value_regex = UUID_REGEX
    organization_permission = "mentorship.view_mentorships"
    permission_map = {
        "end": "mentorship.end_mentorship",
        "history": "applications.view_application_history",
    }
    filter_backends = [ListFilterBackend]
    filterset_class = MentorshipAPIFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Mentorship.objects.none()
        return mentorships_selectors.with_standing(
            mentorships_selectors.organization_mentorships(
                user=self.request.user, organization=self.organization
            ).select_related("organization")
        )

    @extend_schema(
        request=mentorships_serializers.MentorshipEndInputSerializer,
        responses={200: mentorships_serializers.MentorshipSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def end(self, request, *args, **kwargs):
        """End an active mentorship (e.g. non-performance), with a reason."""
        data = mentorships_serializers.MentorshipEndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        mentorship = mentorship_end(
            mentorship=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(mentorships_serializers.MentorshipSerializer(mentorship).data)

    @extend_schema(responses={200: s.DecisionHistoryEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request, *args, **kwargs):
        mentorship = self.get_object()
        events = selectors.history_events(organization=self.organization, obj=mentorship)
        return Response(s.DecisionHistoryEventSerializer(events, many=True).data)


@extend_schema(
    tags=["me"],
    description="Mentorships you are the mentee or a mentor of, in every organization.",
)
class MyMentorshipsViewSet(
    OwnedObjectAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = mentorships_serializers.MentorshipSerializer
    owned_lookup = mentorships_selectors.person_mentorship_get
    lookup_url_kwarg = "mentorship"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Mentorship.objects.none()
        return mentorships_selectors.person_mentorships(user=self.request.user)
