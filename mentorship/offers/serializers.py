from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications.decisions.models import Offer
from applications.decisions.serializers import has_related
from mentorship.offers.services import agreement_for


class MyOfferSerializer(serializers.ModelSerializer):
    """An offer as its mentee sees it (only once the cycle announced its results)."""

    application = serializers.UUIDField(source="application.public_id", read_only=True)
    organization = serializers.CharField(source="application.organization.name", read_only=True)
    program = serializers.CharField(source="application.term.program.name", read_only=True)
    agreement = serializers.SerializerMethodField()
    mentorship = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = [
            "application",
            "organization",
            "program",
            "state",
            "deadline",
            "agreement",
            "legal_name",
            "answered_at",
            "mentorship",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_agreement(self, offer) -> str:
        """The text to sign (pending) or the text that was signed (confirmed)."""
        if offer.agreement_text:
            return offer.agreement_text
        return agreement_for(offer)

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_mentorship(self, offer):
        application = offer.application
        if not has_related(application, "mentorship"):
            return None
        return application.mentorship.public_id


class OfferConfirmInputSerializer(serializers.Serializer):
    legal_name = serializers.CharField(max_length=200, help_text="Your full legal name.")
    agreed = serializers.BooleanField(help_text="You agree to the program's agreement.")


class OfferDeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
