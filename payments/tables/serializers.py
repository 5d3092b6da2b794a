from rest_framework import serializers

from payments.tables.models import StipendRate, StipendTable


class StipendRateSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = StipendRate
        fields = ["country", "tier", "amount"]


class StipendTableSerializer(serializers.ModelSerializer):
    rates = StipendRateSerializer(many=True, read_only=True)

    class Meta:
        model = StipendTable
        fields = ["id", "name", "effective_from", "currency", "floor_amount", "rates"]
        read_only_fields = fields


class StipendTableInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    effective_from = serializers.DateField()
    currency = serializers.CharField(max_length=3, default="USD")
    floor_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    csv = serializers.CharField(help_text="Lines of country,tier,amount after that header.")
    preview = serializers.BooleanField(default=False, help_text="Check only; write nothing.")


class TableRowSerializer(serializers.Serializer):
    country = serializers.CharField()
    tier = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class StipendTablePreviewSerializer(serializers.Serializer):
    rows = TableRowSerializer(many=True)
    errors = serializers.ListField(child=serializers.CharField())
    table = StipendTableSerializer(allow_null=True)
