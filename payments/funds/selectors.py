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


def _sums(queryset, amount: str) -> dict[tuple[int, str], Decimal]:
    """{(program id, currency): the sum of `amount`}, one grouped query."""
    return {
        (program_id, currency): total
        for program_id, currency, total in queryset.values_list("program_id", "currency")
        .annotate(Sum(amount))
        .order_by()
    }


def ledgers_by_program(*, programs) -> dict[int, list[Ledger]]:
    """Each program's totals per currency: received, committed (frozen plans of mentorships
    not failed or ended before being paid count in full), paid, balance. Four grouped
    queries for any number of programs (the organization's ledger page and API)."""
    ids = [program.pk for program in programs]
    received = _sums(Fund.objects.filter(program_id__in=ids), "amount")
    committed = _sums(StipendPlan.objects.filter(program_id__in=ids), "total")
    paid = _sums(
        Payout.objects.filter(
            program_id__in=ids, state__in=[PayoutState.PAID, PayoutState.REVERSED]
        ),
        "amount",
    )
    reversed_ = _sums(PayoutReversal.objects.filter(program_id__in=ids), "amount")
    ledgers = {}
    for program_id in ids:
        currencies = sorted(
            {
                c
                for sums in (received, committed, paid, reversed_)
                for p, c in sums
                if p == program_id
            }
        ) or ["USD"]
        ledgers[program_id] = [
            Ledger(
                c,
                received.get((program_id, c)) or ZERO,
                committed.get((program_id, c)) or ZERO,
                paid.get((program_id, c)) or ZERO,
                reversed_.get((program_id, c)) or ZERO,
            )
            for c in currencies
        ]
    return ledgers


def program_ledgers(*, program) -> list[Ledger]:
    """One program's totals per currency (see ledgers_by_program)."""
    return ledgers_by_program(programs=[program])[program.pk]


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
