"""Graduates seen by employers, with consent.

Every model here is platform-wide (not tenant-owned): a graduate's profile gathers the
letters of completion of every organization they graduated in, and an employer is not a
tenant. What a profile shows about a mentorship is copied from its certificate when the
graduate publishes (program, organization, term, year, verification id), so the directory
never reads a tenant's rows."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Visibility(models.TextChoices):
    EMPLOYERS = "employers", "Approved employers only"
    PUBLIC = "public", "Public (anyone, and approved employers)"


class GraduateProfile(models.Model):
    """A graduate's profile. Shown only while `published_at` is set (explicit consent,
    given by publishing and withdrawn by one click, which clears it: every listing filters on
    it). The `show_*` switches choose the parts it shows."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graduate_profile"
    )
    display_name = models.CharField("name", max_length=200)
    headline = models.CharField(max_length=200, blank=True)
    skills = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated, each with an optional level: “Python (advanced), Go”.",
    )
    project_summary = models.TextField(max_length=3000, blank=True)
    links = models.TextField(max_length=1000, blank=True, help_text="One address per line.")
    open_to_work = models.BooleanField(default=False)
    country = models.CharField(max_length=2, blank=True, help_text="Two-letter country code.")
    remote = models.BooleanField("open to remote work", default=False)
    show_skills = models.BooleanField(default=True)
    show_project = models.BooleanField("show the project summary", default=True)
    show_links = models.BooleanField(default=True)
    show_availability = models.BooleanField(default=True)
    # The resume is the one uploaded on the person's mentee profile (accounts); ticked, the
    # approved employers who see this profile download it through accounts' permission-
    # checked download (never a public address). Public visitors never get it.
    show_resume = models.BooleanField("show my resume to approved employers", default=False)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.EMPLOYERS
    )
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Stored for the directory's full-text search; written by the services (PostgreSQL
    # only; a GIN index is created by the migration on PostgreSQL).
    search_vector = SearchVectorField(null=True, editable=False)
    # Lower-cased copies the filters read without joins.
    program_names = models.TextField(blank=True, editable=False)
    organization_names = models.TextField(blank=True, editable=False)
    years = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "id"]
        indexes = [
            models.Index(fields=["published_at", "id"], name="graduate_recent"),
            models.Index(fields=["visibility", "published_at"], name="graduate_visibility"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class GraduateCompletion(models.Model):
    """One completed mentorship on a profile, copied from its letter of completion."""

    profile = models.ForeignKey(
        GraduateProfile, on_delete=models.CASCADE, related_name="completions"
    )
    verification_id = models.CharField(max_length=32)
    program_name = models.CharField(max_length=200)
    organization_name = models.CharField(max_length=200)
    term_name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "verification_id"], name="one_completion_per_certificate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_name} ({self.year})"


class EmployerStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class Employer(models.Model):
    """A company's account, asked for by a person and approved or declined by platform
    staff. Only members of an approved employer browse the directory."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    website = models.URLField()
    contact = models.CharField(max_length=200, help_text="Who to contact, and how.")
    reason = models.TextField("why", max_length=3000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=EmployerStatus.choices, default=EmployerStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class EmployerMember(models.Model):
    """A person acting for an employer: the requester, and colleagues they invite. A person
    belongs to at most one employer."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_membership"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} at {self.employer_id}"


class EmployerInvitation(models.Model):
    """A colleague invited by email; the signed-in person with that address accepts."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.email} to {self.employer_id}"


class InterestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not now"


class InterestRequest(models.Model):
    """An employer's short message to a graduate. Accepted, it reveals the graduate's
    contact email to the employer; declined, the employer reads only “not now”."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="interests")
    profile = models.ForeignKey(GraduateProfile, on_delete=models.CASCADE, related_name="interests")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(max_length=1000)
    status = models.CharField(
        max_length=20, choices=InterestStatus.choices, default=InterestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    report_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["employer", "created_at"], name="interest_per_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "profile"],
                condition=models.Q(status="pending"),
                name="one_pending_interest_per_employer_and_graduate",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} → {self.profile_id} ({self.status})"


class EmployerBlock(models.Model):
    """A graduate blocks an employer: the employer no longer finds or reaches them."""

    profile = models.ForeignKey(GraduateProfile, on_delete=models.CASCADE, related_name="blocks")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "employer"], name="one_block_per_employer")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} blocks {self.employer_id}"


class Endorsement(models.Model):
    """A mentor's short endorsement of a mentee they graduated. It shows on the graduate's
    profile only once the graduate accepts it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    graduate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor_name = models.CharField(max_length=200)
    mentorship_id_public = models.UUIDField()
    program_name = models.CharField(max_length=200)
    text = models.TextField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentorship_id_public"], name="one_endorsement_per_mentor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor_name} endorses {self.graduate_id}"
