"""Objects of payments for the isolation walker (see tests/isolation/world.py): in each
tenant, the mentorship of tests/applications/isolation_decisions.py gets a flat stipend
plan and its first installment a payable payout. Names carry the tenant's slug."""

from django_scopes import scope

from mentorship.mentorships.models import Mentorship
from payments.payouts.services import installment_payable
from payments.plans.services import plan_freeze, policy_set


def build(tenant) -> dict:
    organization = tenant.organization
    with scope(organization=organization):
        mentorship = Mentorship.objects.filter(organization=organization).order_by("pk").first()
        policy_set(program=mentorship.term.program, actor=None, kind="flat", flat_amount="1234.56")
        plan = plan_freeze(mentorship=mentorship)
        payout = installment_payable(installment=plan.installments.order_by("number").first())
    return {"payout": payout.public_id}
