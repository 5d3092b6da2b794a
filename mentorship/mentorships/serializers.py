from rest_framework import serializers

from applications.decisions.serializers import DecisionPersonSerializer
from mentorship.mentorships.models import Mentorship
from mentorship.mentorships.selectors import Standing


class MentorshipMentorOutSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="user.public_id", read_only=True)
    name = serializers.CharField(source="user.name", read_only=True)
    is_primary = serializers.BooleanField(read_only=True)


class MentorshipSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organization = serializers.CharField(source="organization.slug", read_only=True)
    program = serializers.CharField(source="term.program.name", read_only=True)
    term = serializers.IntegerField(source="term_id", read_only=True)
    application = serializers.UUIDField(source="application.public_id", read_only=True)
    mentee = DecisionPersonSerializer(read_only=True)
    mentors = MentorshipMentorOutSerializer(many=True, read_only=True)

    class Meta:
        model = Mentorship
        fields = [
            "id",
            "organization",
            "program",
            "term",
            "application",
            "mentee",
            "mentors",
            "state",
            "starts_at",
            "evaluation_1_at",
            "midterm_at",
            "evaluation_3_at",
            "final_at",
            "ends_at",
            "ended_at",
            "end_reason",
        ]
        read_only_fields = fields


class MentorshipEndInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class OrganizationMentorshipSerializer(MentorshipSerializer):
    standing = serializers.ChoiceField(choices=Standing.choices, read_only=True)

    class Meta(MentorshipSerializer.Meta):
        fields = [*MentorshipSerializer.Meta.fields, "extension_weeks", "standing"]
        read_only_fields = fields
