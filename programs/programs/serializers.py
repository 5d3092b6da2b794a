from rest_framework import serializers

from programs.programs.models import Program, Skill


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["name", "slug"]


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
