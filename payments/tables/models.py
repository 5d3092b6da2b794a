from decimal import Decimal

from django.conf import settings
from django.db import models
from django_countries.fields import CountryField


class StipendTable(models.Model):
    """One version of the platform's stipend country table, kept by staff. A version applies
    to terms starting on or after `effective_from` (until a later version takes over). Its
    rows are never edited once a plan used it: a change is a new version, so plans made
    before keep their amounts (they copy the amount when they are frozen anyway)."""

    name = models.CharField(max_length=100)
    effective_from = models.DateField(unique=True)
    currency = models.CharField(max_length=3, default="USD")
    floor_amount = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The amount of a country without its own row (the floor), if any.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} (from {self.effective_from})"


class StipendRate(models.Model):
    """A country's amount for a full-size term in one table version, with its tier."""

    table = models.ForeignKey(StipendTable, on_delete=models.CASCADE, related_name="rates")
    country = CountryField()
    tier = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["table", "country"]
        constraints = [
            models.UniqueConstraint(fields=["table", "country"], name="one_rate_per_country"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=Decimal("0")), name="stipend_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.amount}"
