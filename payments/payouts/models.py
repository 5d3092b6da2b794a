import uuid

from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class PayoutState(models.TextChoices):
    PAYABLE = "payable", "Payable"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"
    RETRIED = "retried", "Retried"
    REVERSED = "reversed", "Reversed"


# A payout in one of these states holds its installment: at most one per installment.
LIVE_STATES = [PayoutState.PAYABLE, PayoutState.APPROVED, PayoutState.DECLINED, PayoutState.PAID]


class Payout(TenantOwned):
    """One attempt to pay an installment. `state` moves only through
    payments.payouts.services (compare-and-set, audited). A failed payout is retried by a
    new payout that names it (`retry_of`); a payout is never edited otherwise."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    installment = models.ForeignKey(
        "payments.Installment", on_delete=models.PROTECT, related_name="payouts"
    )
    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.PROTECT, related_name="+"
    )
    term = models.ForeignKey("programs.Term", on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=10, choices=PayoutState.choices, default=PayoutState.PAYABLE
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    retry_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="retry"
    )
    reference = models.CharField(max_length=100, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    reason = models.TextField(max_length=2000, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    reversed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["installment"],
                condition=models.Q(state__in=LIVE_STATES),
                name="one_live_payout_per_installment",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payout_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["state", "created_at", "id"]),
            models.Index(fields=["term", "state", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.state})"


class PayoutReversal(TenantOwned):
    """A correction of a paid payout, recorded as a new entry (the paid payout is never
    edited; it moves to `reversed` so that its installment may be paid again): its
    checkpoint was corrected to a fail after the payment. The ledger's paid total counts
    the payout and subtracts this entry."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payout = models.OneToOneField(Payout, on_delete=models.PROTECT, related_name="reversal")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    reason = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payout_reversal_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Reversal of {self.amount} {self.currency}"


class PayoutEmail(models.Model):
    """The sent-log of payout emails: one row per (payout, state), inserted in the
    transaction that queues the email, so a retried or duplicated task (the bulk approval's)
    never emails a mentee twice about the same move. Claimed like core.reminders' claims:
    rows are inserted with a token, conflicts ignored, and the sender reads back its own."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10)
    token = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["payout", "state"], name="one_email_per_payout_state")
        ]

    def __str__(self) -> str:
        return f"{self.state} email of payout {self.payout_id}"
