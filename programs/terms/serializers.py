from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.people.models import User
from programs.cycles.serializers import CycleSerializer
from programs.terms.models import Milestone, Term, TermKind, TermMentor
from programs.terms.timeline import Phase, accepting_applications, term_phase


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["public_id", "name"]


class MilestoneSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "term", "kind", "label", "at", "required"]
        read_only_fields = fields


class MilestoneMoveSerializer(serializers.Serializer):
    at = serializers.DateTimeField(
        help_text="ISO 8601; without an offset it is read in your profile's time zone."
    )


class TermMentorSerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = TermMentor
        fields = ["id", "term", "user", "is_primary"]
        read_only_fields = fields


class TermMentorCreateSerializer(serializers.Serializer):
    term = serializers.IntegerField()
    user = serializers.UUIDField(help_text="The mentor's public id (a mentor of the organization).")
    is_primary = serializers.BooleanField(required=False, default=False)


class TermMentorUpdateSerializer(serializers.Serializer):
    is_primary = serializers.BooleanField(help_text="true makes this mentor the primary one.")


class TermSerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cycle = CycleSerializer(read_only=True)
    phase = serializers.SerializerMethodField()
    accepting_applications = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField()
    mentors = TermMentorSerializer(many=True, read_only=True)

    class Meta:
        model = Term
        fields = [
            "id",
            "program",
            "cycle",
            "kind",
            "capacity",
            "applications_open_at",
            "applications_close_at",
            "applications_closed_early_at",
            "starts_at",
            "ends_at",
            "phase",
            "accepting_applications",
            "milestones",
            "mentors",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Phase.choices))
    def get_phase(self, term) -> str:
        return term_phase(term, self.context.get("now") or timezone.now()).value

    def get_accepting_applications(self, term) -> bool:
        return accepting_applications(term, self.context.get("now") or timezone.now())

    @extend_schema_field(MilestoneSerializer(many=True))
    def get_milestones(self, term):
        return MilestoneSerializer(term.timeline(), many=True).data


class TermCreateSerializer(serializers.Serializer):
    program = serializers.SlugField(help_text="The program's slug.")
    cycle = serializers.IntegerField(help_text="The cycle's id.")
    kind = serializers.ChoiceField(choices=TermKind.choices)
    start_date = serializers.DateField()
    capacity = serializers.IntegerField(help_text="Mentee slots, at least 1.")
    primary_mentor = serializers.UUIDField(required=False, allow_null=True)
    co_mentors = serializers.ListField(child=serializers.UUIDField(), required=False)


class TermUpdateSerializer(serializers.Serializer):
    capacity = serializers.IntegerField(help_text="Mentee slots, at least 1.")
