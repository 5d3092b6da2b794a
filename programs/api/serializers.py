from django.utils import timezone
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from programs.models import (
    AnswerType,
    Cycle,
    Milestone,
    Prerequisite,
    PrerequisiteKind,
    Program,
    Skill,
    Term,
    TermKind,
    TermMentor,
)
from programs.timeline import Phase, accepting_applications, term_phase


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["name", "slug"]


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


class CycleUpdateSerializer(CycleWriteSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


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


class PrerequisiteSerializer(serializers.ModelSerializer):
    standing = serializers.BooleanField(source="is_standing", read_only=True)

    class Meta:
        model = Prerequisite
        fields = [
            "id",
            "term",
            "standing",
            "kind",
            "title",
            "description",
            "answer_type",
            "due_at",
        ]
        read_only_fields = fields


class PrerequisiteCreateSerializer(serializers.Serializer):
    term = serializers.IntegerField(
        required=False, allow_null=True, help_text="Leave out for a standing prerequisite."
    )
    kind = serializers.ChoiceField(choices=PrerequisiteKind.choices)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    answer_type = serializers.ChoiceField(
        choices=AnswerType.choices, required=False, allow_blank=True
    )
    due_at = serializers.DateTimeField(required=False, allow_null=True)


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


class ProgramSerializer(serializers.ModelSerializer):
    skills = SkillSerializer(many=True, read_only=True)
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    has_logo = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "slug",
            "organization",
            "name",
            "description",
            "skills",
            "repository_url",
            "website_url",
            "code_of_conduct_url",
            "has_logo",
            "status",
            "rejection_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_logo(self, program) -> bool:
        return bool(program.logo)


class ProgramWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=3000)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, max_length=15
    )
    repository_url = serializers.URLField(required=False, allow_blank=True)
    website_url = serializers.URLField(required=False, allow_blank=True)
    code_of_conduct_url = serializers.URLField(required=False, allow_blank=True)
    logo = serializers.FileField(required=False, help_text="PNG or JPEG, at most 2 MB.")


class ProgramUpdateSerializer(ProgramWriteSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ProgramRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class StaffProgramSerializer(ProgramSerializer):
    class Meta(ProgramSerializer.Meta):
        fields = [*ProgramSerializer.Meta.fields, "id"]
        read_only_fields = fields


class CatalogTermSerializer(serializers.ModelSerializer):
    cycle = serializers.CharField(source="cycle.name", read_only=True)

    class Meta:
        model = Term
        fields = [
            "id",
            "cycle",
            "kind",
            "capacity",
            "applications_open_at",
            "applications_close_at",
            "starts_at",
            "ends_at",
        ]
        read_only_fields = fields


class CatalogProgramSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    skills = SkillSerializer(many=True, read_only=True)
    open_terms = CatalogTermSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = [
            "slug",
            "organization",
            "organization_name",
            "name",
            "description",
            "skills",
            "repository_url",
            "website_url",
            "code_of_conduct_url",
            "open_terms",
        ]
        read_only_fields = fields


class PublicTermSerializer(serializers.ModelSerializer):
    cycle = serializers.CharField(source="cycle.name", read_only=True)
    phase = serializers.CharField(read_only=True)
    accepting_applications = serializers.BooleanField(source="accepting", read_only=True)
    mentors = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField()
    prerequisites = serializers.SerializerMethodField()

    class Meta:
        model = Term
        fields = [
            "id",
            "cycle",
            "kind",
            "capacity",
            "phase",
            "accepting_applications",
            "mentors",
            "prerequisites",
            "milestones",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_mentors(self, term) -> list:
        return [{"name": m.user.name, "is_primary": m.is_primary} for m in term.mentors.all()]

    @extend_schema_field(MilestoneSerializer(many=True))
    def get_milestones(self, term):
        return MilestoneSerializer(term.timeline(), many=True).data

    @extend_schema_field(PrerequisiteSerializer(many=True))
    def get_prerequisites(self, term):
        standing = self.context.get("standing", [])
        data = PrerequisiteSerializer([*standing, *term.prerequisites.all()], many=True).data
        for item, prerequisite in zip(data, [*standing, *term.prerequisites.all()], strict=True):
            item["due_at"] = serializers.DateTimeField().to_representation(
                prerequisite.due_for(term)
            )
        return data


class PublicProgramSerializer(CatalogProgramSerializer):
    terms = serializers.SerializerMethodField()

    class Meta(CatalogProgramSerializer.Meta):
        fields = [f for f in CatalogProgramSerializer.Meta.fields if f != "open_terms"] + ["terms"]
        read_only_fields = fields

    @extend_schema_field(PublicTermSerializer(many=True))
    def get_terms(self, program):
        return PublicTermSerializer(
            program.public_terms, many=True, context={"standing": program.standing_prerequisites}
        ).data
