from rest_framework import serializers


class ReminderSendSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="When the sweep sends them (now when due now).")
    people = serializers.IntegerField()


class ReminderSampleSerializer(serializers.Serializer):
    to = serializers.EmailField()
    zone = serializers.CharField(help_text="The recipient's time zone, the email's times' zone.")
    subject = serializers.CharField()
    text = serializers.CharField()


class TermReminderSerializer(serializers.Serializer):
    rule = serializers.CharField(source="rule.name")
    trigger = serializers.CharField(source="rule.trigger")
    audience_description = serializers.CharField(source="rule.audience")
    optional = serializers.BooleanField(source="rule.optional")
    paused = serializers.BooleanField()
    audience = serializers.IntegerField(help_text="People the upcoming reminders go to.")
    next_at = serializers.DateTimeField(allow_null=True)
    sends = serializers.SerializerMethodField()
    sample = ReminderSampleSerializer(allow_null=True, help_text="A dry run for one recipient.")
    sent = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Emails that went out about this term, by outbox state "
        "(queued, sending, sent, failed).",
    )

    def get_sends(self, row) -> list[dict]:
        return ReminderSendSerializer(
            [{"at": at, "people": people} for at, people in row.sends], many=True
        ).data


class TermReminderPauseSerializer(serializers.Serializer):
    rule = serializers.CharField(max_length=80)
    paused = serializers.BooleanField()
