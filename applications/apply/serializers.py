"""Serializers of /api/v1/me/applications/: input and output kept apart. Class names start
with "Mentee" so the OpenAPI component names never collide with other areas'."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from core.uploads.services import MAX_UPLOAD_BYTES

MAX_ID = 2**31 - 1


class MenteeApplicationPrerequisiteSerializer(serializers.Serializer):
    """A prerequisite of the application's term with your answer."""

    id = serializers.IntegerField(source="prerequisite.pk")
    title = serializers.CharField(source="prerequisite.title")
    description = serializers.CharField(source="prerequisite.description")
    answer_type = serializers.CharField(
        source="prerequisite.answer_type", help_text="text, url or file"
    )
    due_at = serializers.DateTimeField()
    required_to_submit = serializers.BooleanField(
        help_text="Due by the applications deadline, so needed to submit."
    )
    open = serializers.BooleanField(help_text="Whether you may answer it now.")
    done = serializers.BooleanField()
    text = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    file_name = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()

    def get_text(self, row) -> str:
        return row.answer.text if row.answer else ""

    def get_url(self, row) -> str:
        return row.answer.url if row.answer else ""

    def get_file_name(self, row) -> str | None:
        return row.answer.file.original_name if row.answer and row.answer.file_id else None

    def get_file_url(self, row) -> str | None:
        if not (row.answer and row.answer.file_id):
            return None
        return reverse(
            "api:my-application-answer-file",
            kwargs={
                "application": row.answer.application.public_id,
                "prerequisite": row.prerequisite.pk,
            },
            request=self.context.get("request"),
        )


class MenteeApplicationSerializer(serializers.Serializer):
    """One of your applications, as you may see it: decisions appear from the cycle's
    results announcement."""

    public_id = serializers.UUIDField(source="application.public_id")
    state = serializers.CharField(
        help_text="draft, submitted, accepted, declined or withdrawn (as you may see it)"
    )
    state_label = serializers.CharField()
    next_step = serializers.CharField()
    can_edit = serializers.BooleanField()
    can_withdraw = serializers.BooleanField()
    organization = serializers.CharField(source="application.organization.slug")
    organization_name = serializers.CharField(source="application.organization.name")
    program = serializers.CharField(source="application.term.program.slug")
    program_name = serializers.CharField(source="application.term.program.name")
    term = serializers.IntegerField(source="application.term_id")
    cycle = serializers.IntegerField(source="application.cycle_id")
    cycle_name = serializers.CharField(source="application.cycle.name")
    cover_letter = serializers.CharField(source="application.cover_letter")
    mentee_rank = serializers.IntegerField(source="application.mentee_rank", allow_null=True)
    created_at = serializers.DateTimeField(source="application.created_at")
    submitted_at = serializers.DateTimeField(source="application.submitted_at", allow_null=True)
    withdrawn_at = serializers.DateTimeField(source="application.withdrawn_at", allow_null=True)
    applications_close_at = serializers.DateTimeField(
        source="application.term.applications_close_at"
    )
    results_announced_at = serializers.DateTimeField(source="results_at")
    prerequisites = MenteeApplicationPrerequisiteSerializer(many=True)


class MenteeApplicationStartSerializer(serializers.Serializer):
    term = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The id of a term accepting applications."
    )


class MenteeApplicationUpdateSerializer(serializers.Serializer):
    cover_letter = serializers.CharField(max_length=5000, allow_blank=True, trim_whitespace=True)


class MenteeAnswerSerializer(serializers.Serializer):
    """A text or link answer; send the field that matches the prerequisite's answer type
    (empty clears the answer). Files go to .../file/."""

    text = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    url = serializers.CharField(max_length=500, allow_blank=True, required=False)


class MenteeAnswerFileSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=f"A PDF of at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB, checked by content."
    )


class MenteeWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True, required=False)


class MenteeRankingSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    order = serializers.ListField(
        child=serializers.UUIDField(),
        max_length=100,
        help_text="The public ids of all your submitted applications of the cycle, most "
        "wanted first.",
    )
