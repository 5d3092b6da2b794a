from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from payments.funds.models import Fund
from payments.payouts.models import Payout, PayoutState
from payments.plans.models import StipendPlan

ZERO = Decimal("0.00")


@dataclass
class Ledger:
    currency: str
    received: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.received - self.paid

    @property
    def uncovered(self) -> Decimal:
        """Commitments (frozen plans) beyond the funds received."""
        return max(self.committed - self.received, ZERO)


def program_ledgers(*, program) -> list[Ledger]:
    """A program's totals per currency: received, committed (frozen plans of mentorships
    not failed or ended before being paid count in full), paid, balance."""
    received = dict(
        Fund.objects.filter(program=program).values_list("currency").annotate(Sum("amount"))
    )
    committed = dict(
        StipendPlan.objects.filter(program=program).values_list("currency").annotate(Sum("total"))
    )
    paid = dict(
        Payout.objects.filter(program=program, state=PayoutState.PAID)
        .values_list("currency")
        .annotate(Sum("amount"))
    )
    currencies = sorted(set(received) | set(committed) | set(paid)) or ["USD"]
    return [
        Ledger(c, received.get(c) or ZERO, committed.get(c) or ZERO, paid.get(c) or ZERO)
        for c in currencies
    ]


def program_funds(*, program):
    return Fund.objects.filter(program=program).order_by("-received_on", "-id")
