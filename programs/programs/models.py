import os
import uuid

from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for staff approval"
    APPROVED = "approved", "Approved (published)"
    REJECTED = "rejected", "Rejected"
    ARCHIVED = "archived", "Archived"


class Skill(models.Model):
    """A skill a program teaches or needs, shared by every organization so the catalog can
    filter across them."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def logo_upload_to(instance, filename: str) -> str:
    # Random names: an upload's name says nothing and cannot be guessed.
    extension = os.path.splitext(filename)[1].lower()
    return f"program-logos/{uuid.uuid4().hex}{extension}"


class Program(TenantOwned):
    """A mentorship offering of an organization. Published (in the catalog) once platform
    staff approve it; transitions go through programs.programs.services only."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60)
    description = models.TextField(
        max_length=3000, help_text="What mentees will do and the expected outcomes."
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="programs")
    repository_url = models.URLField("repository", blank=True)
    website_url = models.URLField("website", blank=True)
    code_of_conduct_url = models.URLField("code of conduct", blank=True)
    logo = models.FileField(upload_to=logo_upload_to, blank=True)
    logo_content_type = models.CharField(max_length=20, blank=True)
    status = models.CharField(
        max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT
    )
    rejection_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="program_name_per_org"),
            models.UniqueConstraint(fields=["organization", "slug"], name="program_slug_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status == ProgramStatus.APPROVED
