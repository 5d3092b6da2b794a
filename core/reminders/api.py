"""/api/v1/me/reminders/: the person's reminder preferences, as on /me/reminders/: the
optional rules with whether each is on, and those always sent. PUT the names to turn off."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.reminders.selectors import reminder_preferences
from core.reminders.services import reminder_preferences_set


class ReminderRuleSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The rule's stable name (what PUT takes).")
    trigger = serializers.CharField(help_text="When it is sent, in words.")
    audience = serializers.CharField(help_text="Who receives it, in words.")


class OptionalReminderSerializer(ReminderRuleSerializer):
    on = serializers.BooleanField(help_text="Whether you receive it.")


class ReminderPreferencesSerializer(serializers.Serializer):
    optional = OptionalReminderSerializer(many=True, help_text="Reminders you can turn off.")
    always = ReminderRuleSerializer(many=True, help_text="Deadlines always sent.")


class ReminderPreferencesUpdateSerializer(serializers.Serializer):
    off = serializers.ListField(
        child=serializers.CharField(max_length=100),
        max_length=100,
        allow_empty=True,
        help_text="The names of the optional reminders to turn off; every other one is on.",
    )


def _payload(user) -> dict:
    preferences = reminder_preferences(user=user)
    return {
        "optional": [
            {"name": r.name, "trigger": r.trigger, "audience": r.audience, "on": on}
            for r, on in preferences["optional"]
        ],
        "always": [
            {"name": r.name, "trigger": r.trigger, "audience": r.audience}
            for r in preferences["always"]
        ],
    }


@extend_schema(tags=["me"])
class MyReminderPreferencesView(APIView):
    @extend_schema(
        responses=ReminderPreferencesSerializer,
        description="Your reminder preferences: the optional reminders with whether each is "
        "on, and the deadlines always sent.",
    )
    def get(self, request):
        return Response(ReminderPreferencesSerializer(_payload(request.user)).data)

    @extend_schema(
        request=ReminderPreferencesUpdateSerializer,
        responses=ReminderPreferencesSerializer,
        description="Turns off the optional reminders named in `off` and on every other one. "
        "400 for a name that is not one of your optional reminders.",
    )
    def put(self, request):
        data = ReminderPreferencesUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The service refuses names that are not the person's optional reminders.
        reminder_preferences_set(user=request.user, off=set(data.validated_data["off"]))
        return Response(ReminderPreferencesSerializer(_payload(request.user)).data)
