from rest_framework import serializers

from mentorship.assignments.models import Task


class TaskSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)
    mentee = serializers.CharField(source="mentorship.mentee.name", read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "mentorship",
            "mentee",
            "title",
            "description",
            "due_at",
            "link",
            "state",
            "submission_link",
            "submission_text",
            "has_file",
            "submitted_at",
            "completed_at",
            "return_comment",
        ]
        read_only_fields = fields

    def get_has_file(self, obj) -> bool:
        return obj.submission_file_id is not None


class TaskCreateInputSerializer(serializers.Serializer):
    mentorship = serializers.UUIDField(required=False, help_text="One mentee's mentorship.")
    term = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Or every active mentee of a term.",
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    due_at = serializers.DateTimeField()
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if ("mentorship" in attrs) == ("term" in attrs):
            raise serializers.ValidationError("Give either `mentorship` or `term`.")
        return attrs


class TaskReturnInputSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000)


class TaskSubmitInputSerializer(serializers.Serializer):
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, help_text="A PDF (multipart/form-data).")
