import uuid

from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class MentorshipState(models.TextChoices):
    ACTIVE = "active", "Active"
    GRADUATED = "graduated", "Graduated"
    FAILED = "failed", "Failed"
    ENDED = "ended", "Ended by an admin"


class Mentorship(TenantOwned):
    """A confirmed offer: the mentee, their mentors and their own copy of the term's dates
    (so extending one mentee's evaluation moves only theirs). States move only through
    mentorship.mentorships.services (compare-and-set, audited)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="mentorship"
    )
    term = models.ForeignKey("programs.Term", on_delete=models.PROTECT, related_name="+")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentorships"
    )
    state = models.CharField(
        max_length=20, choices=MentorshipState.choices, default=MentorshipState.ACTIVE
    )
    starts_at = models.DateTimeField()
    evaluation_1_at = models.DateTimeField(null=True, blank=True)
    midterm_at = models.DateTimeField()
    evaluation_3_at = models.DateTimeField(null=True, blank=True)
    final_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(max_length=2000, blank=True)
    # Whole weeks the evaluations extended this mentorship by (at most 5 in total).
    extension_weeks = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["term", "state"])]

    def __str__(self) -> str:
        return f"{self.mentee} · {self.term} ({self.state})"


class MentorshipMentor(TenantOwned):
    """A mentor of one mentorship: a copy of the term's mentors at confirmation."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="mentors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "user"], name="one_mentor_row_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.mentorship_id}"
