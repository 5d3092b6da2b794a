from django.utils import timezone
from rest_framework import serializers

from mentorship.evaluations.models import (
    Evaluation,
    EvaluationVerdict,
    FeedbackKind,
    MenteeFeedback,
    Verdict,
)
from mentorship.evaluations.selectors import evaluation_opens_at


class EvaluationVerdictSerializer(serializers.ModelSerializer):
    given_by = serializers.CharField(source="given_by.name", read_only=True, allow_null=True)
    correction = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationVerdict
        fields = [
            "verdict",
            "weeks",
            "reason",
            "progress",
            "communication",
            "comment",
            "given_by",
            "correction",
            "created_at",
        ]
        read_only_fields = fields

    def get_correction(self, obj) -> bool:
        return obj.corrects_id is not None


class EvaluationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)
    verdicts = EvaluationVerdictSerializer(many=True, read_only=True)
    opens_at = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "mentorship",
            "kind",
            "week",
            "required",
            "due_at",
            "opens_at",
            "overdue",
            "state",
            "decided_at",
            "verdicts",
        ]
        read_only_fields = fields

    def get_opens_at(self, obj) -> str:
        return serializers.DateTimeField().to_representation(evaluation_opens_at(obj))

    def get_overdue(self, obj) -> bool:
        return (
            obj.state == "pending"
            and obj.required
            and obj.due_at < timezone.now()
            and obj.mentorship.state == "active"
        )


class VerdictInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    progress = serializers.IntegerField(min_value=1, max_value=5)
    communication = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    weeks = serializers.IntegerField(min_value=1, max_value=5, required=False, default=0)


# A correction turns a pass into a fail or back; an extension is never a correction.
CORRECTED_VERDICTS = [(Verdict.PASS.value, "Pass"), (Verdict.FAIL.value, "Fail")]


class CorrectionInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=CORRECTED_VERDICTS)
    reason = serializers.CharField(max_length=2000)


class FeedbackSerializer(serializers.ModelSerializer):
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)

    class Meta:
        model = MenteeFeedback
        fields = [
            "mentorship",
            "kind",
            "mentorship_rating",
            "program_rating",
            "comments",
            "created_at",
        ]
        read_only_fields = fields


class FeedbackInputSerializer(serializers.Serializer):
    mentorship = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=FeedbackKind.choices)
    mentorship_rating = serializers.IntegerField(min_value=1, max_value=5)
    program_rating = serializers.IntegerField(min_value=1, max_value=5)
    comments = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")
