from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programs.prerequisites.serializers import PrerequisiteSerializer
from programs.programs.models import Program
from programs.programs.serializers import SkillSerializer
from programs.terms.models import Term
from programs.terms.serializers import MilestoneSerializer


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
    match_score = serializers.SerializerMethodField(
        help_text="With `order=best_match` (signed in): how well the program's skills meet "
        "the skills and levels of your profile, 0 to 100. Otherwise null."
    )
    matched_skills = serializers.SerializerMethodField(
        help_text="With `order=best_match`: the program's skills found on your profile."
    )

    class Meta:
        model = Program
        fields = [
            "match_score",
            "matched_skills",
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

    def get_match_score(self, program) -> int | None:
        match = getattr(program, "match", None)
        return match.score if match else None

    def get_matched_skills(self, program) -> list[str]:
        match = getattr(program, "match", None)
        return match.matched_names if match else []


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


class PublicLedgerSerializer(serializers.Serializer):
    """A program's published ledger totals in one currency: no names, no references."""

    currency = serializers.CharField()
    received = serializers.DecimalField(max_digits=14, decimal_places=2)
    committed = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    balance = serializers.DecimalField(max_digits=14, decimal_places=2)


class PublicProgramSerializer(CatalogProgramSerializer):
    terms = serializers.SerializerMethodField()
    ledger = serializers.SerializerMethodField(
        help_text="The program's ledger totals per currency, when its organization "
        "published them; null otherwise."
    )

    class Meta(CatalogProgramSerializer.Meta):
        fields = [f for f in CatalogProgramSerializer.Meta.fields if f != "open_terms"] + [
            "terms",
            "ledger",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicLedgerSerializer(many=True, allow_null=True))
    def get_ledger(self, program):
        rows = getattr(program, "public_ledger", None)
        return None if rows is None else PublicLedgerSerializer(rows, many=True).data

    @extend_schema_field(PublicTermSerializer(many=True))
    def get_terms(self, program):
        return PublicTermSerializer(
            program.public_terms, many=True, context={"standing": program.standing_prerequisites}
        ).data
