from rest_framework import serializers

from payments.plans.models import PolicyKind, StipendPlan, StipendPolicy


class ScheduleItemSerializer(serializers.Serializer):
    checkpoint = serializers.ChoiceField(
        choices=["evaluation_1", "midterm", "evaluation_3", "final"]
    )
    percent = serializers.IntegerField(min_value=1, max_value=100)


class StipendPolicySerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    schedule = ScheduleItemSerializer(many=True, read_only=True)

    class Meta:
        model = StipendPolicy
        fields = ["program", "kind", "flat_amount", "currency", "part_time_percent", "schedule"]
        read_only_fields = fields


class StipendPolicyInputSerializer(serializers.Serializer):
    program = serializers.SlugField(max_length=60)
    kind = serializers.ChoiceField(choices=PolicyKind.choices)
    flat_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    currency = serializers.CharField(max_length=3, default="USD")
    part_time_percent = serializers.IntegerField(min_value=1, max_value=100, default=100)
    schedule = ScheduleItemSerializer(many=True, required=False)


class PendingPlanSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)
    mentee = serializers.CharField(source="mentorship.mentee.name", read_only=True)
    program = serializers.CharField(source="mentorship.term.program.name", read_only=True)

    class Meta:
        model = StipendPlan
        fields = [
            "id",
            "mentorship",
            "mentee",
            "program",
            "country",
            "pending",
            "total",
            "currency",
        ]
        read_only_fields = fields


class ResolveInputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="The whole plan's amount; leave out to take it from the table.",
    )
