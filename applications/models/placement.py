from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.models import TenantOwned


class Placement(models.Model):
    """A mentee's one acceptance in a cycle, across all organizations (PRODUCT.md rule 3).

    Person-level and cross-tenant by nature, so NOT tenant-owned: a reference table keyed by
    user (ARCHITECTURE.md, Tenancy). The unique (applicant, cycle) constraint is the rule
    itself: when two organizations accept the same mentee at once, the second INSERT waits
    for the first transaction and then fails, whatever the Python code checked before.
    Written and deleted only by applications.services.decisions / offers."""

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
    """One taken mentee slot of a term (PRODUCT.md rule 4), held by an accepted application
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
