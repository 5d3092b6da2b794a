from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OwnedObjectAPIMixin
from applications.decisions.api import client_ip
from applications.decisions.models import Offer
from core.api import UUID_REGEX
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from mentorship.mentorships import selectors as mentorships_selectors
from mentorship.mentorships import serializers as mentorships_serializers
from mentorship.offers import selectors as offers_selectors
from mentorship.offers import serializers as offers_serializers
from mentorship.offers.services import offer_confirm, offer_decline


@extend_schema(
    tags=["me"],
    description="Your offers, shown from the cycle's results announcement. Confirm one (type "
    "your legal name under the program's agreement) or decline it before its deadline. "
    "Confirming and declining honour an Idempotency-Key header.",
)
class MyOffersViewSet(
    OwnedObjectAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = offers_serializers.MyOfferSerializer
    owned_lookup = offers_selectors.mentee_offer_get
    lookup_url_kwarg = "application"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Offer.objects.none()
        return offers_selectors.mentee_offers(user=self.request.user)

    @extend_schema(
        request=offers_serializers.OfferConfirmInputSerializer,
        responses={200: mentorships_serializers.MentorshipSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def confirm(self, request, *args, **kwargs):
        """Confirm the offer: the mentorship starts."""
        data = offers_serializers.OfferConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = self.get_object()
        mentorship = offer_confirm(
            offer=offer,
            mentee=request.user,
            ip=client_ip(request),
            **data.validated_data,
        )
        mentorship = mentorships_selectors.person_mentorship_get(
            user=request.user, public_id=mentorship.public_id
        )
        return Response(
            mentorships_serializers.MentorshipSerializer(mentorship).data, status=status.HTTP_200_OK
        )

    @extend_schema(
        request=offers_serializers.OfferDeclineInputSerializer,
        responses={200: offers_serializers.MyOfferSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, *args, **kwargs):
        """Decline the offer: the place goes to someone else."""
        data = offers_serializers.OfferDeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = self.get_object()
        offer_decline(offer=offer, mentee=request.user, **data.validated_data)
        return Response(offers_serializers.MyOfferSerializer(offer).data)
