from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from programs.cycles.models import Cycle, SelectionMode


class CycleSerializer(serializers.ModelSerializer):
    restricted_countries = serializers.ListField(child=CountryField(), read_only=True)

    class Meta:
        model = Cycle
        fields = [
            "id",
            "name",
            "applications_open_at",
            "applications_close_at",
            "results_announced_at",
            "confirmation_deadline",
            "max_active_applications",
            "graduates_may_apply",
            "restricted_countries",
            "selection_mode",
            "match_seed",
            "matching_published_at",
        ]
        read_only_fields = fields


class CycleWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    applications_open_at = serializers.DateTimeField()
    applications_close_at = serializers.DateTimeField()
    results_announced_at = serializers.DateTimeField()
    confirmation_deadline = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Default: 5 days after the announcement."
    )
    max_active_applications = serializers.IntegerField(required=False, min_value=1, max_value=50)
    graduates_may_apply = serializers.BooleanField(required=False)
    restricted_countries = serializers.ListField(child=CountryField(), required=False)
    selection_mode = serializers.ChoiceField(choices=SelectionMode.choices, required=False)


class CycleUpdateSerializer(CycleWriteSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
