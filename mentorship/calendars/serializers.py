from rest_framework import serializers


class CalendarEventSerializer(serializers.Serializer):
    uid = serializers.CharField(help_text="Stable: the same event keeps it when its date moves.")
    summary = serializers.CharField()
    at = serializers.DateTimeField()
    description = serializers.CharField()
    url = serializers.CharField(help_text="The page of what the event is about.")
    download = serializers.CharField(help_text="This one event as an .ics file (signed in).")


class MyCalendarSerializer(serializers.Serializer):
    address = serializers.CharField(
        help_text="Your private feed (.ics): anyone with it reads your deadlines."
    )
    webcal = serializers.CharField(help_text="The same address for calendar apps (webcal://).")
    created_at = serializers.DateTimeField(help_text="When this address was made.")
    events = CalendarEventSerializer(many=True)
