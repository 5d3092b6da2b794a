import uuid

from django.conf import settings
from django.db import models
from django_countries.fields import CountryField


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"
    EXPERT = "expert", "Expert"


class MenteeProfile(models.Model):
    """What a person tells programs when applying. One per person, kept across cycles.

    `date_of_birth` is private: only its owner sees it; reviewers see only whether the
    person attested being 18 or older (`accounts.selectors.mentee_profile_summary`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_profile"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    legal_name = models.CharField(max_length=200, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    country = CountryField("country of residence", blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    adult_attested_at = models.DateTimeField(null=True, blank=True)
    github_url = models.URLField("GitHub profile", blank=True)
    linkedin_url = models.URLField("LinkedIn profile", blank=True)
    bio = models.TextField(max_length=3000, blank=True)
    # [{"name": "Python", "level": "advanced"}, ...]; validated by the profile service.
    skills = models.JSONField(default=list, blank=True)
    # ["Rust", "Kubernetes", ...]
    skills_to_grow = models.JSONField(default=list, blank=True)
    resume = models.OneToOneField(
        "accounts.StoredFile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resume_of",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Mentee profile of {self.user}"

    @property
    def adult_attested(self) -> bool:
        return self.adult_attested_at is not None


class MentorProfile(models.Model):
    """What mentees see about a mentor on program pages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    bio = models.TextField(max_length=3000, blank=True)
    skills = models.JSONField(default=list, blank=True)  # ["Linux kernel", "C", ...]
    github_url = models.URLField("GitHub profile", blank=True)
    linkedin_url = models.URLField("LinkedIn profile", blank=True)
    website_url = models.URLField("website", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Mentor profile of {self.user}"
