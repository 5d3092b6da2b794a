from django.urls import reverse
from rest_framework import serializers

from mentorship.graduates import selectors
from mentorship.graduates.models import (
    Employer,
    Endorsement,
    GraduateCompletion,
    GraduateProfile,
    InterestRequest,
)
from mentorship.graduates.services.profiles import PROFILE_FIELDS


class CompletionSerializer(serializers.ModelSerializer):
    class Meta:
        model = GraduateCompletion
        fields = ("program_name", "organization_name", "term_name", "year", "verification_id")


class PublicProfileSerializer(serializers.ModelSerializer):
    """A published profile as others see it: only the parts the graduate chose."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    completions = CompletionSerializer(many=True, read_only=True)
    skills = serializers.SerializerMethodField()
    project_summary = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()
    availability = serializers.SerializerMethodField()

    class Meta:
        model = GraduateProfile
        fields = (
            "id",
            "display_name",
            "headline",
            "skills",
            "project_summary",
            "links",
            "availability",
            "completions",
            "published_at",
        )

    def get_skills(self, profile) -> list[str]:
        return profile.skill_list() if profile.show_skills else []

    def get_project_summary(self, profile) -> str:
        return profile.project_summary if profile.show_project else ""

    def get_links(self, profile) -> list[str]:
        return profile.link_list() if profile.show_links else []

    def get_availability(self, profile) -> dict | None:
        if not profile.show_availability:
            return None
        return {
            "open_to_work": profile.open_to_work,
            "country": profile.country,
            "remote": profile.remote,
        }


class EmployerProfileSerializer(PublicProfileSerializer):
    """A profile as an approved employer reads it: with the resume's download address when
    the graduate shows it (accounts' permission-checked download, as an attachment)."""

    resume_url = serializers.SerializerMethodField()

    class Meta(PublicProfileSerializer.Meta):
        fields = (*PublicProfileSerializer.Meta.fields, "resume_url")

    def get_resume_url(self, profile) -> str | None:
        resume_id = selectors.shown_resume_id(profile=profile, employer=self.context["employer"])
        if resume_id is None:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("accounts:resume-download", kwargs={"profile": resume_id})
        )


class MyProfileSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    completions = CompletionSerializer(many=True, read_only=True)

    class Meta:
        model = GraduateProfile
        fields = ("id", *PROFILE_FIELDS, "published_at", "completions")
        read_only_fields = ("published_at",)


class InterestInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=1000)


class AnswerInputSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class EmployerInterestSerializer(serializers.ModelSerializer):
    """A request an employer sent. The graduate's email appears only once they accept."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    graduate = serializers.CharField(source="profile.display_name", read_only=True)
    contact_email = serializers.SerializerMethodField()

    class Meta:
        model = InterestRequest
        fields = ("id", "graduate", "message", "status", "created_at", "contact_email")

    def get_contact_email(self, interest) -> str | None:
        return interest.profile.user.email if interest.status == "accepted" else None


class GraduateInterestSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    employer = serializers.CharField(source="employer.name", read_only=True)

    class Meta:
        model = InterestRequest
        fields = ("id", "employer", "message", "status", "created_at")


class DirectoryQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    skill = serializers.CharField(required=False, allow_blank=True, max_length=100)
    program = serializers.CharField(required=False, allow_blank=True, max_length=200)
    organization = serializers.CharField(required=False, allow_blank=True, max_length=200)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    open_to_work = serializers.BooleanField(required=False, default=False)
    remote = serializers.BooleanField(required=False, default=False)
    order = serializers.ChoiceField(
        choices=["relevance", "recent"], required=False, default="relevance"
    )


class ReportInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class EmployerSerializer(serializers.ModelSerializer):
    """An employer account as its members and staff read it."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    website = serializers.URLField(max_length=200)

    class Meta:
        model = Employer
        fields = (
            "id",
            "name",
            "website",
            "contact",
            "reason",
            "status",
            "decline_reason",
            "created_at",
            "decided_at",
        )
        read_only_fields = ("status", "decline_reason", "created_at", "decided_at")


class StaffEmployerSerializer(EmployerSerializer):
    requested_by = serializers.EmailField(source="requested_by.email", read_only=True)

    class Meta(EmployerSerializer.Meta):
        fields = (*EmployerSerializer.Meta.fields, "requested_by")
        read_only_fields = fields


class EmployerDeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class InviteInputSerializer(serializers.Serializer):
    email = serializers.EmailField()


class ColleaguesSerializer(serializers.Serializer):
    members = serializers.ListField(child=serializers.EmailField())
    pending_invitations = serializers.ListField(child=serializers.EmailField())


class EndorsementInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=1000)


class EndorsementSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Endorsement
        fields = ("id", "mentor_name", "program_name", "text", "created_at", "accepted_at")
