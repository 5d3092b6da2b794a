from rest_framework import serializers

from payments.payouts.models import Payout, PayoutState
from payments.plans.models import Installment, StipendPlan


class PayoutSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    mentee = serializers.CharField(source="mentorship.mentee.name", read_only=True)
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)
    program = serializers.CharField(source="term.program.name", read_only=True)
    installment = serializers.IntegerField(source="installment.number", read_only=True)
    retry_of = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = Payout
        fields = [
            "id",
            "mentee",
            "mentorship",
            "program",
            "installment",
            "amount",
            "currency",
            "state",
            "reference",
            "paid_on",
            "reason",
            "retry_of",
            "created_at",
            "approved_at",
            "declined_at",
            "paid_at",
            "failed_at",
            "reversed_at",
        ]
        read_only_fields = fields


class StaffPayoutSerializer(PayoutSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta(PayoutSerializer.Meta):
        fields = ["organization", *PayoutSerializer.Meta.fields]
        read_only_fields = fields


class DeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class BulkApproveInputSerializer(serializers.Serializer):
    payouts = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=10000)
    count = serializers.IntegerField(
        min_value=1, help_text="How many payouts you confirm approving (must match)."
    )


class BulkApproveOutputSerializer(serializers.Serializer):
    approved = serializers.IntegerField()


class PayInputSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=100)
    paid_on = serializers.DateField()


class FailInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class MyPayoutSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=PayoutState.choices)
    reference = serializers.CharField()
    paid_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


class MyReversalSerializer(serializers.Serializer):
    """A paid payout later reversed (its evaluation was corrected to a fail): a new entry,
    the payment itself is kept as it was."""

    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    paid_on = serializers.DateField(allow_null=True)
    reference = serializers.CharField()
    reversed_at = serializers.DateTimeField(source="reversal.created_at")
    reason = serializers.CharField(source="reversal.reason")


class MyInstallmentSerializer(serializers.ModelSerializer):
    payout = MyPayoutSerializer(source="current", allow_null=True, read_only=True)
    reversals = MyReversalSerializer(source="reversed_rows", many=True, read_only=True)

    class Meta:
        model = Installment
        fields = [
            "number",
            "checkpoint",
            "percent",
            "amount",
            "currency",
            "expected_at",
            "payout",
            "reversals",
        ]
        read_only_fields = fields


class MyPlanSerializer(serializers.ModelSerializer):
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)
    program = serializers.CharField(source="mentorship.term.program.name", read_only=True)
    installments = MyInstallmentSerializer(source="installment_rows", many=True, read_only=True)

    class Meta:
        model = StipendPlan
        fields = [
            "mentorship",
            "program",
            "kind",
            "pending",
            "country",
            "total",
            "currency",
            "installments",
        ]
        read_only_fields = fields
