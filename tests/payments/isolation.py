"""Objects of payments for the isolation walker (see tests/isolation/world.py): in each
tenant, the mentorship of tests/applications/isolation_decisions.py gets a flat stipend
plan, its first installment a payable payout and its last a payout paid then reversed (a
correction: a reversal entry); the program's ledger is published. Names carry the tenant's
slug."""

from datetime import date

from django_scopes import scope

from mentorship.mentorships.models import Mentorship
from payments.funds.services import fund_record, ledger_publish
from payments.payouts.services import (
    installment_payable,
    payout_approve,
    payout_pay,
    payout_reverse,
)
from payments.plans.services import plan_freeze, policy_set


def build(tenant) -> dict:
    organization = tenant.organization
    with scope(organization=organization):
        mentorship = Mentorship.objects.filter(organization=organization).order_by("pk").first()
        program = mentorship.term.program
        policy_set(program=program, actor=None, kind="flat", flat_amount="1234.56")
        plan = plan_freeze(mentorship=mentorship)
        installments = list(plan.installments.order_by("number"))
        first, last = installments[0], installments[-1]
        payout = installment_payable(installment=first)
        paid = installment_payable(installment=last)
        payout_approve(payout=paid, actor=None)
        payout_pay(
            payout=paid, actor=None, reference=f"W-{organization.slug}", paid_on=date(2026, 11, 2)
        )
        payout_reverse(payout=paid, actor=None, reason=f"Corrected ({organization.slug})")
        fund_record(
            program=program,
            actor=None,
            sponsor=f"Sponsor {organization.slug}",
            amount="5000.00",
            currency="USD",
            received_on=date(2026, 11, 1),
            reference=f"REF-{organization.slug}",
        )
        ledger_publish(program=program, actor=None, published=True)
    return {"payout": payout.public_id, "plan": plan.public_id}
