"""Demo data of payments (idempotent, through the services).

`load_setup()` runs before mentorship's demo, so the offers it confirms freeze their plans
through the same hook as a real confirmation: two stipend table versions (the PPP tiers,
and the $1,000 floor from 2026-07-01), Borealis' "Cloud Native Contributors" paid from the
table in three installments (evaluation 1, midterm, final) and Aurora's "Kernel
Mentorship" paying a flat $3,000 in two.

`load_demo()` runs after it: Borealis' program is funded by a sponsor and publishes its
ledger totals on its public page; the first
installment of `mentee@example.org` (whose evaluation 1 passed) is approved; Rio's is
approved and paid; `graduate@example.org` is fully paid."""

from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from payments.funds.models import Fund, PublishedLedger
from payments.funds.services import fund_record, ledger_publish
from payments.payouts.models import Payout, PayoutState
from payments.payouts.services import payout_approve, payout_pay
from payments.plans.models import StipendPolicy
from payments.plans.services import policy_set
from payments.tables.defaults import tiers_csv
from payments.tables.models import StipendTable
from payments.tables.services import table_import
from programs.programs.models import Program

VERSIONS = [
    # (name, effective from, floor): a country without a row gets the floor.
    ("PPP tiers 2025", date(2025, 1, 1), "3000.00"),
    ("PPP tiers with the $1,000 floor", date(2026, 7, 1), "1000.00"),
]
POLICIES = {
    ("borealis", "cloud-native-contributors"): dict(
        kind="table",
        schedule=[
            {"checkpoint": "evaluation_1", "percent": 30},
            {"checkpoint": "midterm", "percent": 30},
            {"checkpoint": "final", "percent": 40},
        ],
    ),
    ("aurora", "kernel-mentorship"): dict(kind="flat", flat_amount="3000.00"),
}
FUND_REFERENCE = "DEMO-SPONSOR-2026"


def load_setup() -> dict[str, int]:
    created = {"stipend_tables": 0, "stipend_policies": 0}
    for name, effective_from, floor in VERSIONS:
        if not StipendTable.objects.filter(effective_from=effective_from).exists():
            table_import(
                actor=None,
                name=name,
                effective_from=effective_from,
                csv_text=tiers_csv(),
                floor_amount=floor,
            )
            created["stipend_tables"] += 1
    for (slug, program_slug), policy in POLICIES.items():
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            continue
        with scope(organization=organization):
            program = Program.objects.filter(organization=organization, slug=program_slug).first()
            if program is None or StipendPolicy.objects.filter(program=program).exists():
                continue
            policy_set(program=program, actor=None, **policy)
            created["stipend_policies"] += 1
    return created


def _payouts(organization, email):
    return Payout.objects.filter(
        organization=organization, mentorship__mentee__email=email
    ).order_by("installment__number", "id")


def load_demo() -> dict[str, int]:
    created = {"funds": 0, "payouts_paid": 0}
    today = timezone.localdate()
    borealis = Organization.objects.filter(slug="borealis").first()
    if borealis is not None:
        with scope(organization=borealis):
            program = Program.objects.filter(
                organization=borealis, slug="cloud-native-contributors"
            ).first()
            if program is not None and not Fund.objects.filter(reference=FUND_REFERENCE).exists():
                fund_record(
                    program=program,
                    actor=None,
                    sponsor="Borealis Sponsors Circle",
                    amount="20000.00",
                    currency="USD",
                    received_on=today - timedelta(days=120),
                    reference=FUND_REFERENCE,
                )
                created["funds"] += 1
            if program is not None and not PublishedLedger.objects.filter(program=program).exists():
                ledger_publish(program=program, actor=None, published=True)
            for email, pay in (("mentee@example.org", False), ("rio.mentee@example.org", True)):
                first = _payouts(borealis, email).first()
                if first is not None and first.state == PayoutState.PAYABLE:
                    payout_approve(payout=first, actor=None)
                if pay and first is not None and first.state == PayoutState.APPROVED:
                    payout_pay(payout=first, actor=None, reference="DEMO-WIRE-0001", paid_on=today)
                    created["payouts_paid"] += 1
    aurora = Organization.objects.filter(slug="aurora").first()
    if aurora is not None:
        with scope(organization=aurora):
            for number, payout in enumerate(_payouts(aurora, "graduate@example.org"), 1):
                if payout.state == PayoutState.PAYABLE:
                    payout_approve(payout=payout, actor=None)
                if payout.state == PayoutState.APPROVED:
                    payout_pay(
                        payout=payout,
                        actor=None,
                        reference=f"DEMO-WIRE-G{number}",
                        paid_on=today - timedelta(days=300 - 60 * number),
                    )
                    created["payouts_paid"] += 1
    return created
