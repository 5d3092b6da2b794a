from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django_scopes import ScopedManager

from core.uploads.logos import logo_upload_to

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    "Use 1–50 lowercase letters, digits or hyphens, starting and ending with a letter or digit.",
)


class Organization(models.Model):
    """The tenant: a foundation or community. Everything it owns carries this key."""

    slug = models.SlugField(max_length=50, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(max_length=3000, blank=True)
    website = models.URLField(blank=True)
    logo = models.FileField(upload_to=logo_upload_to, blank=True)
    logo_content_type = models.CharField(max_length=30, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    COORDINATOR = "coordinator", "Coordinator"
    MENTOR = "mentor", "Mentor"


ROLE_DESCRIPTIONS = {
    Role.ADMIN: "Everything in the organization: programs, terms, members, decisions and money.",
    Role.COORDINATOR: (
        "Sees every applicant and resume of the organization; scores, shortlists and declines. "
        "Cannot accept, change configuration or touch money."
    ),
    Role.MENTOR: "Reviews and mentors in the programs they are a mentor of.",
}


class Membership(models.Model):
    """A person's role in one organization. One role per person per organization."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["organization", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"


class TenantOwned(models.Model):
    """Base of every tenant-owned model: carries its organization, and its default manager
    raises unless a django-scopes scope for an organization is active (or explicitly
    disabled in a named cross-tenant selector or service)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )

    objects = ScopedManager(organization="organization")

    class Meta:
        abstract = True


class OrganizationPolicy(models.Model):
    """What the organization lets its mentors do beyond reviewing their own terms. One row
    per organization, created on the first change; no row means the defaults (mentors
    review only: admins and coordinators shortlist and decide)."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="policy"
    )
    mentors_may_shortlist = models.BooleanField(
        "mentors may shortlist",
        default=False,
        help_text="The mentors of a term may set and clear the shortlist flag on the "
        "applicants of that term. Admins and coordinators always may.",
    )
    mentors_may_decide = models.BooleanField(
        "mentors may decide",
        default=False,
        help_text="The mentors of a term may decline the applicants of that term. Accepting "
        "stays with admins; nobody decides on an applicant they declared a conflict with.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        verbose_name_plural = "organization policies"

    def __str__(self) -> str:
        return f"Policy of {self.organization_id}"
