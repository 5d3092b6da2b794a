"""Serializers of invitations, join requests and organization requests: output and input
kept apart."""

from rest_framework import serializers

from accounts.invitations.models import (
    Invitation,
    InvitationStatus,
    JoinRequest,
    OrganizationRequest,
)
from accounts.organizations.models import Role
from accounts.organizations.serializers import MemberUserSerializer


class InvitationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    state = serializers.ChoiceField(
        choices=InvitationStatus.choices,
        read_only=True,
        help_text="The status counting the clock: a pending invitation past expires_at is "
        "expired (and can still be resent).",
    )
    invited_by = MemberUserSerializer(read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "role",
            "state",
            "invited_by",
            "created_at",
            "sent_at",
            "send_count",
            "expires_at",
            "responded_at",
        ]
        read_only_fields = fields


class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)


class OrganizationBriefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class MyInvitationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organization = OrganizationBriefSerializer(read_only=True)
    state = serializers.ChoiceField(choices=InvitationStatus.choices, read_only=True)
    invited_by = serializers.CharField(source="invited_by.name", read_only=True, default="")

    class Meta:
        model = Invitation
        fields = ["id", "organization", "email", "role", "state", "invited_by", "expires_at"]
        read_only_fields = fields


class JoinRequestSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    user = MemberUserSerializer(read_only=True)

    class Meta:
        model = JoinRequest
        fields = ["id", "user", "message", "status", "created_at", "decided_at", "decline_reason"]
        read_only_fields = fields


class MyJoinRequestSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organization = OrganizationBriefSerializer(read_only=True)

    class Meta:
        model = JoinRequest
        fields = [
            "id",
            "organization",
            "message",
            "status",
            "created_at",
            "decided_at",
            "decline_reason",
        ]
        read_only_fields = fields


class JoinRequestCreateSerializer(serializers.Serializer):
    organization = serializers.SlugField(help_text="The organization's slug, as in /o/<slug>/.")
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class RequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="The requester reads it.")


class NewOrganizationRequestSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = OrganizationRequest
        fields = [
            "id",
            "name",
            "website",
            "reason",
            "status",
            "organization",
            "created_at",
            "decided_at",
            "decline_reason",
        ]
        read_only_fields = fields


class StaffNewOrganizationRequestSerializer(NewOrganizationRequestSerializer):
    requested_by = MemberUserSerializer(read_only=True)

    class Meta(NewOrganizationRequestSerializer.Meta):
        fields = [*NewOrganizationRequestSerializer.Meta.fields, "requested_by"]
        read_only_fields = fields


class NewOrganizationRequestCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    website = serializers.URLField(required=False, allow_blank=True)
    reason = serializers.CharField(max_length=3000, help_text="Why the organization needs it.")


class NewOrganizationRequestApproveSerializer(serializers.Serializer):
    slug = serializers.CharField(max_length=50, help_text="The address: /o/<slug>/.")
    name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Defaults to the asked name."
    )
