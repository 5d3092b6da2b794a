from rest_framework import serializers


class RankEntrySerializer(serializers.Serializer):
    position = serializers.IntegerField()
    application = serializers.UUIDField(source="public_id")
    applicant = serializers.CharField(source="name")
    average = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    reviews = serializers.IntegerField()
    acceptable = serializers.BooleanField(help_text="Above the cut line.")


class RankListSerializer(serializers.Serializer):
    term = serializers.IntegerField()
    seed = serializers.IntegerField(help_text="The cycle's tie-breaking seed, for audit.")
    cut = serializers.IntegerField(allow_null=True)
    capacity_left = serializers.IntegerField()
    entries = RankEntrySerializer(many=True)


class RankMoveSerializer(serializers.Serializer):
    application = serializers.UUIDField()
    position = serializers.IntegerField(min_value=1, max_value=1_000_000)


class RankCutSerializer(serializers.Serializer):
    cut = serializers.IntegerField(min_value=0, max_value=1_000_000, allow_null=True)
