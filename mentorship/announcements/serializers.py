from rest_framework import serializers

from applications.apply.models import ApplicationState
from mentorship.announcements.models import Announcement, AnnouncementAudience
from mentorship.announcements.services.compose import BODY_MAX, SUBJECT_MAX


class AnnouncementSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    sent = serializers.IntegerField(read_only=True, help_text="Emails the mail server took.")
    failed = serializers.IntegerField(read_only=True, help_text="Emails that failed for good.")

    class Meta:
        model = Announcement
        fields = [
            "id",
            "audience",
            "application_states",
            "subject",
            "body",
            "state",
            "total",
            "queued",
            "sent",
            "failed",
            "last_error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class AnnouncementCreateSerializer(serializers.Serializer):
    audience = serializers.ChoiceField(choices=AnnouncementAudience.choices)
    application_states = serializers.ListField(
        child=serializers.ChoiceField(choices=ApplicationState.choices),
        required=False,
        default=list,
        help_text="For applicants: the states of the applications to write to.",
    )
    subject = serializers.CharField(max_length=SUBJECT_MAX)
    body = serializers.CharField(max_length=BODY_MAX)
    confirm_count = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The number of people you confirm it goes to; refused (409) when the "
        "audience has changed. Without it, the answer is a dry run with the count.",
    )


class AnnouncementDryRunSerializer(serializers.Serializer):
    recipients = serializers.IntegerField()
