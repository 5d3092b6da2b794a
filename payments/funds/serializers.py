from rest_framework import serializers

from payments.funds.models import Fund


class FundSerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Fund
        fields = ["id", "program", "sponsor", "amount", "currency", "received_on", "reference"]
        read_only_fields = fields


class FundInputSerializer(serializers.Serializer):
    program = serializers.SlugField(max_length=60)
    sponsor = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField(max_length=3)
    received_on = serializers.DateField()
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True)


class LedgerSerializer(serializers.Serializer):
    currency = serializers.CharField()
    received = serializers.DecimalField(max_digits=14, decimal_places=2)
    committed = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Paid, net of reversals."
    )
    reversed = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        help_text="Reversal entries: paid installments whose evaluation was corrected to a fail.",
    )
    balance = serializers.DecimalField(max_digits=14, decimal_places=2)
    uncovered = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Commitments beyond the funds received."
    )


class ProgramLedgerSerializer(serializers.Serializer):
    program = serializers.CharField()
    ledgers = LedgerSerializer(many=True)


class PublishInputSerializer(serializers.Serializer):
    program = serializers.SlugField(max_length=60)
    published = serializers.BooleanField()


class PublishOutputSerializer(serializers.Serializer):
    program = serializers.SlugField()
    published = serializers.BooleanField()
