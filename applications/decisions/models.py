from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.organizations.models import TenantOwned


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
    announcement (applications.apply.selectors.visibility, read live from the cycle so a moved
    announcement moves every offer); answered before `deadline`, the cycle's confirmation
    deadline (or, for an acceptance made late, five days after it becomes visible).
    A confirmation keeps a snapshot of what was agreed: the program's agreement text, the
    typed legal name, the instant and the IP address. States move only through
    mentorship.offers.services (compare-and-set, audited)."""

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
    # Former: offer reminders are a reminder rule now (core.reminders claims); kept for the
    # rows written before.
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


class Placement(models.Model):
    """A mentee's one acceptance in a cycle, across all organizations: a mentee holds
    at most one acceptance per cycle.

    Person-level and cross-tenant by nature, so NOT tenant-owned: a reference table keyed by
    user, like users and profiles. The unique (applicant, cycle) constraint is the rule
    itself: when two organizations accept the same mentee at once, the second INSERT waits
    for the first transaction and then fails, whatever the Python code checked before.
    Written and deleted only by applications.decisions.services and mentorship.offers.services."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="placements"
    )
    cycle = models.ForeignKey("programs.Cycle", on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="placement"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "cycle"], name="one_acceptance_per_mentee_and_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} placed in cycle {self.cycle_id}"


class TermSlot(TenantOwned):
    """One taken mentee slot of a term (a term never holds more acceptances than its
    capacity), held by an accepted application
    (confirmed or waiting for confirmation). Freed (deleted) when the offer is declined or
    lapses.

    Slots are numbered 1..capacity: (term, number) is unique and the check constraint keeps
    `number` within `capacity`, a copy of the term's capacity taken under the term's row
    lock when the slot is taken. So the database itself never holds more slots than the
    capacity, even if a writer skipped the lock: two writers racing for the last free
    number collide on the unique constraint."""

    term = models.ForeignKey("programs.Term", on_delete=models.PROTECT, related_name="slots")
    number = models.PositiveIntegerField()
    capacity = models.PositiveIntegerField()
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="slot"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="one_application_per_slot"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=F("capacity")),
                name="slot_number_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"slot {self.number}/{self.capacity} of term {self.term_id}"


DEFAULT_DECLINE_FEEDBACK = (
    "Thank you for applying to {program}. We received many strong applications and could "
    "not offer you a place in this term. This decision is final for this term, but we hope "
    "you keep contributing to the project and apply again to a later term."
)


DEFAULT_AGREEMENT = (
    "I confirm that I will take part in {program} for the whole term, that I am 18 or older "
    "by the term start, that I follow the program's code of conduct, and that I will tell my "
    "mentors and the program admins at once if I can no longer take part."
)


class ProgramDecisionTexts(TenantOwned):
    """A program's texts for decisions: the feedback a declined applicant receives and the
    agreement an accepted mentee confirms. `{program}` is replaced by the program's name.
    No row means the defaults above."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="decision_texts"
    )
    decline_feedback = models.TextField(max_length=5000, default=DEFAULT_DECLINE_FEEDBACK)
    agreement_text = models.TextField(max_length=5000, default=DEFAULT_AGREEMENT)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"decision texts of {self.program_id}"
