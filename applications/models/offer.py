from django.conf import settings
from django.db import models

from accounts.models import TenantOwned


class DecisionOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Decision(TenantOwned):
    """Who decided on an application, when, and (for a decline) the program's feedback as
    it read at that moment: the mentee is told at the cycle's results announcement, and
    later edits of the template do not change what was decided."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    feedback = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.outcome} {self.application_id}"


class OfferState(models.TextChoices):
    PENDING = "pending", "Waiting for the mentee's answer"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined by the mentee"
    LAPSED = "lapsed", "Lapsed (not confirmed in time)"


class Offer(TenantOwned):
    """The offer an acceptance makes to the mentee. Shown from the cycle's results
    announcement (applications.selectors.visibility, read live from the cycle so a moved
    announcement moves every offer); answered before `deadline`, the cycle's confirmation
    deadline (or, for an acceptance made late, five days after it becomes visible).
    A confirmation keeps a snapshot of what was agreed: the program's agreement text, the
    typed legal name, the instant and the IP address. States move only through
    applications.services.offers (compare-and-set, audited)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="offer"
    )
    state = models.CharField(max_length=20, choices=OfferState.choices, default=OfferState.PENDING)
    deadline = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    legal_name = models.CharField(max_length=200, blank=True)
    agreement_text = models.TextField(blank=True)
    confirmed_ip = models.GenericIPAddressField(null=True, blank=True)
    decline_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self) -> str:
        return f"offer for {self.application_id} ({self.state})"


class EmailKind(models.TextChoices):
    DECISION = "decision", "Decision"
    OFFER_REMINDER = "offer_reminder", "Offer reminder"
    CONFIRMATION = "confirmation", "Confirmation"
    OFFER_LAPSED = "offer_lapsed", "Offer lapsed (to admins)"


class DecisionEmail(TenantOwned):
    """The sent-log of the decisions area's emails: one row per (application, kind),
    inserted BEFORE sending, so overlapping sweeps, retried tasks and two beat processes
    never send the same email twice (the second INSERT fails and that sender skips)."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_email_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} email for {self.application_id}"
