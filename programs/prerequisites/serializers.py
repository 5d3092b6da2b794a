from rest_framework import serializers

from programs.prerequisites.models import AnswerType, Prerequisite, PrerequisiteKind


class PrerequisiteSerializer(serializers.ModelSerializer):
    standing = serializers.BooleanField(source="is_standing", read_only=True)

    class Meta:
        model = Prerequisite
        fields = [
            "id",
            "term",
            "standing",
            "kind",
            "title",
            "description",
            "answer_type",
            "due_at",
        ]
        read_only_fields = fields


class PrerequisiteCreateSerializer(serializers.Serializer):
    term = serializers.IntegerField(
        required=False, allow_null=True, help_text="Leave out for a standing prerequisite."
    )
    kind = serializers.ChoiceField(choices=PrerequisiteKind.choices)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    answer_type = serializers.ChoiceField(
        choices=AnswerType.choices, required=False, allow_blank=True
    )
    due_at = serializers.DateTimeField(required=False, allow_null=True)
