from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from payments.funds.models import Fund, PublishedLedger
from payments.payouts.models import Payout, PayoutReversal, PayoutState
from payments.plans.models import StipendPlan

ZERO = Decimal("0.00")


@dataclass
class Ledger:
    currency: str
    received: Decimal
    committed: Decimal
    paid_out: Decimal  # payouts paid, including those later reversed
    reversed: Decimal = ZERO  # reversal entries (corrections of paid payouts)

    @property
    def paid(self) -> Decimal:
        """Paid, net of the reversals."""
        return self.paid_out - self.reversed

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
        Payout.objects.filter(program=program, state__in=[PayoutState.PAID, PayoutState.REVERSED])
        .values_list("currency")
        .annotate(Sum("amount"))
    )
    reversed_ = dict(
        PayoutReversal.objects.filter(program=program)
        .values_list("currency")
        .annotate(Sum("amount"))
    )
    currencies = sorted(set(received) | set(committed) | set(paid) | set(reversed_)) or ["USD"]
    return [
        Ledger(
            c,
            received.get(c) or ZERO,
            committed.get(c) or ZERO,
            paid.get(c) or ZERO,
            reversed_.get(c) or ZERO,
        )
        for c in currencies
    ]


def public_ledger(*, program) -> list[dict] | None:
    """The totals a program's public page shows when its organization published its ledger
    (received, committed, paid, balance per currency; no names, no references), else None.
    Runs in the program's organization's scope (the public page is out of any scope)."""
    from django_scopes import scope

    with scope(organization=program.organization_id):
        if not PublishedLedger.objects.filter(program=program).exists():
            return None
        return [
            {
                "currency": ledger.currency,
                "received": ledger.received,
                "committed": ledger.committed,
                "paid": ledger.paid,
                "balance": ledger.balance,
            }
            for ledger in program_ledgers(program=program)
        ]


def ledger_published(*, program) -> bool:
    return PublishedLedger.objects.filter(program=program).exists()


def program_funds(*, program):
    return Fund.objects.filter(program=program).order_by("-received_on", "-id")
