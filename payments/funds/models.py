from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class Fund(TenantOwned):
    """Money a program received from a sponsor. Never edited: a correction is a new entry
    (a negative amount names what it corrects in its reference)."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="funds")
    sponsor = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    received_on = models.DateField()
    reference = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} from {self.sponsor}"


class PublishedLedger(TenantOwned):
    """A program whose ledger totals (received, committed, paid, balance per currency; no
    names, no references) its organization's admins chose to show on its public page and
    in the public program API. No row: not published (the default)."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="published_ledger"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Published ledger of {self.program_id}"
