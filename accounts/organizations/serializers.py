from django.urls import reverse
from rest_framework import serializers

from accounts.organizations.models import Membership, Organization, OrganizationPolicy, Role
from accounts.people.models import User

LOGO_HELP = "PNG or JPEG, at most 2 MB (multipart upload)."


class OrganizationSerializer(serializers.ModelSerializer):
    logo = serializers.FileField(write_only=True, required=False, help_text=LOGO_HELP)
    logo_url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "description", "website", "logo", "logo_url"]

    def get_logo_url(self, organization) -> str | None:
        if not organization.logo:
            return None
        return reverse("accounts:organization-logo", kwargs={"org": organization.slug})


class OrganizationUpdateSerializer(serializers.ModelSerializer):
    logo = serializers.FileField(write_only=True, required=False, help_text=LOGO_HELP)

    class Meta:
        model = Organization
        fields = ["name", "description", "website", "logo"]


class MyMembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "role"]


class MemberUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["public_id", "email", "display_name"]


class MemberSerializer(serializers.ModelSerializer):
    user = MemberUserSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at"]
        read_only_fields = fields


class MemberRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


class OrganizationPolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganizationPolicy
        fields = ["mentors_may_shortlist", "mentors_may_decide"]
