from rest_framework import serializers

from mentorship.runs.models import MatchRun


class MatchRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatchRun
        fields = [
            "id",
            "cycle",
            "round",
            "status",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "progress",
            "progress_note",
            "seed",
            "input_hash",
            "counts",
            "timings",
            "error",
            "published_at",
        ]
        read_only_fields = fields


class MatchRunStartSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class PublishResultSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()
    already_published = serializers.BooleanField()


class ExportSerializer(serializers.Serializer):
    cycle = serializers.CharField()
    seed = serializers.IntegerField(allow_null=True)
    mentee_prefs = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    term_prefs = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    capacities = serializers.DictField(child=serializers.IntegerField())
    match = serializers.DictField(child=serializers.CharField())


class ShareSerializer(serializers.Serializer):
    choice = serializers.CharField()
    placed = serializers.IntegerField()
    share = serializers.IntegerField(help_text="Percent of the placed mentees.")


class FillSerializer(serializers.Serializer):
    term = serializers.IntegerField()
    program = serializers.CharField()
    organization = serializers.CharField()
    capacity = serializers.IntegerField()
    placed = serializers.IntegerField()
    rate = serializers.IntegerField(allow_null=True)


class StaffPreviewSerializer(serializers.Serializer):
    run = MatchRunSerializer()
    shares = ShareSerializer(many=True)
    fill = FillSerializer(many=True)


class OrgPlacementSerializer(serializers.Serializer):
    application = serializers.UUIDField(source="application.public_id")
    mentee = serializers.CharField(source="application.applicant.name")
    choice = serializers.IntegerField()


class OrgExplanationSerializer(serializers.Serializer):
    name = serializers.CharField()
    text = serializers.CharField()


class OrgTermPreviewSerializer(serializers.Serializer):
    term = serializers.IntegerField(source="term.pk")
    program = serializers.CharField(source="term.program.name")
    capacity = serializers.IntegerField()
    listed = serializers.IntegerField()
    placements = OrgPlacementSerializer(many=True)
    explanations = OrgExplanationSerializer(many=True)


class OrgRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField(source="cycle_id")
    round = serializers.IntegerField()
    finished_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class OrgPreviewSerializer(serializers.Serializer):
    run = OrgRunSerializer()
    terms = OrgTermPreviewSerializer(many=True)
