"""Serializers of the decisions area's API. Output and input serializers are kept apart;
class names are unique across the project (they name OpenAPI components)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications.apply.models import Application
from applications.decisions.models import Offer


class DecisionPersonSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(read_only=True)


class DecisionOfferSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offer
        fields = ["state", "deadline", "answered_at", "legal_name", "created_at"]
        read_only_fields = fields


class ApplicationDecisionSerializer(serializers.ModelSerializer):
    """An application as the decisions area shows it to members."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    term = serializers.IntegerField(source="term_id", read_only=True)
    program = serializers.CharField(source="term.program.name", read_only=True)
    applicant = DecisionPersonSerializer(read_only=True)
    offer = serializers.SerializerMethodField()
    feedback = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "term",
            "program",
            "applicant",
            "state",
            "shortlisted",
            "submitted_at",
            "decided_at",
            "offer",
            "feedback",
        ]
        read_only_fields = fields

    @extend_schema_field(DecisionOfferSerializer(allow_null=True))
    def get_offer(self, application):
        offer = getattr(application, "offer", None) if has_related(application, "offer") else None
        return DecisionOfferSerializer(offer).data if offer is not None else None

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_feedback(self, application) -> str:
        decision = (
            getattr(application, "decision", None) if has_related(application, "decision") else None
        )
        return decision.feedback if decision is not None else ""


def has_related(obj, relation: str) -> bool:
    try:
        getattr(obj, relation)
    except Exception:  # noqa: BLE001  (RelatedObjectDoesNotExist)
        return False
    return True


class DecisionHistoryEventSerializer(serializers.Serializer):
    action = serializers.CharField(read_only=True)
    object_type = serializers.CharField(read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)
    actor = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event) -> str | None:
        return event.actor.name if event.actor else None


class BulkDeclineInputSerializer(serializers.Serializer):
    term = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    expected_count = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=100000,
        help_text="The number of applicants you confirmed; if the list changed since, "
        "nothing is declined and you get the new number.",
    )


class BulkDeclineResultSerializer(serializers.Serializer):
    declined = serializers.IntegerField(read_only=True)
    skipped = serializers.IntegerField(read_only=True)


class ProgramDecisionTextsSerializer(serializers.Serializer):
    program = serializers.CharField(source="program.slug", read_only=True)
    decline_feedback = serializers.CharField(max_length=5000, required=False)
    agreement_text = serializers.CharField(max_length=5000, required=False)
