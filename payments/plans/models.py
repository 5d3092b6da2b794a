import uuid

from django.db import models

from accounts.organizations.models import TenantOwned
from mentorship.evaluations.models import EvaluationKind


class PolicyKind(models.TextChoices):
    TABLE = "table", "From the stipend table"
    FLAT = "flat", "A flat amount"
    UNPAID = "unpaid", "Unpaid"


def default_schedule() -> list[dict]:
    return [{"checkpoint": "midterm", "percent": 50}, {"checkpoint": "final", "percent": 50}]


class StipendPolicy(TenantOwned):
    """A program's stipend policy, set by its admins. `schedule` is the list of
    installments: [{"checkpoint": <evaluation kind>, "percent": <whole percent>}], 2 to 4,
    in checkpoint order, summing to 100."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="stipend_policy"
    )
    kind = models.CharField(max_length=10, choices=PolicyKind.choices, default=PolicyKind.TABLE)
    flat_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    part_time_percent = models.PositiveSmallIntegerField(
        default=100, help_text="Share of the table amount a part-time term pays (1-100)."
    )
    schedule = models.JSONField(default=default_schedule)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Stipend policy of {self.program_id}"


class StipendPlan(TenantOwned):
    """A mentorship's plan, frozen when the offer is confirmed: the table version, the
    mentee's country of residence then, the total and currency. Never edited afterwards."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mentorship = models.OneToOneField(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="stipend_plan"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=PolicyKind.choices)
    table = models.ForeignKey(
        "payments.StipendTable", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    country = models.CharField(max_length=2, blank=True)
    # A pending plan (the table had no amount for the country) has no total and no
    # installments until an admin resolves it (an amount, or the fixed table).
    pending = models.BooleanField(default=False)
    total = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pending=True) | models.Q(total__isnull=False),
                name="stipend_plan_total_unless_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.total} {self.currency} for {self.mentorship_id}"


class Installment(TenantOwned):
    """One part of a plan, paid after its checkpoint passes. The last one absorbs the
    rounding, so the installments sum to the plan's total to the cent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(StipendPlan, on_delete=models.CASCADE, related_name="installments")
    number = models.PositiveSmallIntegerField()
    checkpoint = models.CharField(max_length=20)
    percent = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    expected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_installment_per_number"),
            models.UniqueConstraint(
                fields=["plan", "checkpoint"], name="one_installment_per_checkpoint"
            ),
        ]

    def __str__(self) -> str:
        return f"Installment {self.number} of {self.plan_id}"

    @property
    def checkpoint_label(self) -> str:
        """E.g. "midterm evaluation" or "evaluation 1 (optional)"."""
        labels = dict(EvaluationKind.choices)
        return str(labels.get(self.checkpoint, self.checkpoint)).lower()
