"""Stipends paid, for the public statistics (/stats/). mentorship/stats cannot import
payments, so payments/apps.py registers `stipends_paid` there as a money metric."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum

from core.tenancy import cross_tenant
from payments.payouts.models import Payout, PayoutState


@cross_tenant
def stipends_paid() -> dict[tuple[int, int], dict[str, tuple[Decimal, int]]]:
    """Cross-tenant because the public statistics count every organization; only sums
    grouped by cycle, organization and currency leave here (one grouped query).

    What is paid is the payouts in state `paid` (a failed one never was; its retry is a
    new payout counted once it is paid). {(cycle id, organization id): {currency: (amount,
    mentees paid)}}; the mentees count lets the statistics hide a sum of fewer than five
    people. A payout reversed by a correction leaves `paid` (paid → reversed), so it is not
    counted."""
    found: dict[tuple[int, int], dict[str, tuple[Decimal, int]]] = {}
    for row in (
        Payout.objects.filter(state=PayoutState.PAID)
        .values("term__cycle_id", "organization_id", "currency")
        .annotate(amount=Sum("amount"), people=Count("mentorship_id", distinct=True))
        .order_by()
    ):
        key = (row["term__cycle_id"], row["organization_id"])
        found.setdefault(key, {})[row["currency"]] = (row["amount"], row["people"])
    return found
