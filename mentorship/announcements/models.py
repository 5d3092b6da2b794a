import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.organizations.models import TenantOwned


class AnnouncementAudience(models.TextChoices):
    APPLICANTS = "applicants", "Applicants"
    MENTEES = "mentees", "Mentees"
    MENTORS = "mentors", "Mentors"


class AnnouncementState(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Sending"
    DONE = "done", "Sent to everyone"
    FAILED = "failed", "Stopped after repeated failures"


class Announcement(TenantOwned):
    """A message an admin sends to a filtered set of a term's people (applicants in some
    states, its mentees or its mentors), through the outbox, each person once: every
    recipient is claimed in core's claims table (rule "announcement") in the transaction that
    queues their email, so a retried or doubled send skips who already has it. The row is the
    job's run record: its state, how many it is for and how many were queued, attempts and
    the last error survive restarts and show on the page."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term = models.ForeignKey("programs.Term", on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=12, choices=AnnouncementAudience.choices)
    # The applicants' application states (audience "applicants").
    application_states = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=5000)
    state = models.CharField(
        max_length=10, choices=AnnouncementState.choices, default=AnnouncementState.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    queued = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "send_after"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def topic(self) -> str:
        """The outbox topic of its emails (core.outbox: what went out is counted by it)."""
        return f"announcement:{self.pk}"
