"""16 threads at once on one installment, on PostgreSQL: approvals (two admins, double
clicks) and payments (two staff, replays with and without the same key) end with exactly
one approved move and one paid payout."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scope

from accounts.organizations.models import Role
from core.audit.models import AuditEvent
from payments.payouts.models import Payout
from payments.payouts.services import payout_approve, payout_pay
from tests.conftest import api_client_for
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.payments import pass_checkpoint, stipend_mentorship

THREADS = 16


def _race(job) -> list[str]:
    barrier = threading.Barrier(THREADS)
    results: list[str] = []

    def run(i):
        try:
            barrier.wait()
            results.append(job(i))
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_sixteen_approvals_then_sixteen_payments_pay_once(org_a):
    second_admin = UserFactory(email="second.admin@alpha.test")
    MembershipFactory(organization=org_a.organization, user=second_admin, role=Role.ADMIN)
    second_staff = UserFactory(email="second.staff@platform.test", is_staff=True)
    staff = UserFactory(email="staff@platform.test", is_staff=True)
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    org = org_a.organization

    def approve(i):
        with scope(organization=org):
            fresh = Payout.objects.get(pk=payout.pk)
            payout_approve(payout=fresh, actor=[org_a.admin, second_admin][i % 2])
        return "ok"

    results = _race(approve)
    assert results.count("ok") == 1, results
    assert set(results) - {"ok"} <= {"This payout is already approved."}

    def pay(i):
        with scope(organization=org):
            fresh = Payout.objects.get(pk=payout.pk)
            payout_pay(
                payout=fresh,
                actor=[staff, second_staff][i % 2],
                reference=f"WIRE-{i}",
                paid_on=date.today(),
            )
        return "ok"

    results = _race(pay)
    assert results.count("ok") == 1, results
    with scope(organization=org):
        assert Payout.objects.filter(installment=payout.installment, state="paid").count() == 1
    assert AuditEvent._base_manager.filter(action="payout.paid").count() == 1
    assert AuditEvent._base_manager.filter(action="payout.approved").count() == 1


@pytest.mark.django_db(transaction=True)
def test_sixteen_api_payments_with_and_without_one_key_pay_once(org_a):
    staff = UserFactory(email="staff@platform.test", is_staff=True)
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
    url = f"/api/v1/staff/payouts/{payout.public_id}/pay/"
    body = {"reference": "WIRE-1", "paid_on": str(date.today())}
    statuses: list[int] = []

    def pay(i):
        client = api_client_for(staff)
        extra = {"HTTP_IDEMPOTENCY_KEY": "same-key"} if i % 2 else {}
        statuses.append(client.post(url, body, format="json", **extra).status_code)
        return "done"

    _race(pay)
    assert statuses.count(200) >= 1
    assert set(statuses) <= {200, 400}
    with scope(organization=org_a.organization):
        assert Payout.objects.filter(installment=payout.installment, state="paid").count() == 1
    assert AuditEvent._base_manager.filter(action="payout.paid").count() == 1


@pytest.mark.django_db(transaction=True)
def test_sixteen_reversals_of_one_paid_payout_record_one_entry(org_a):
    from payments.funds.selectors import program_ledgers
    from payments.payouts.models import PayoutReversal
    from payments.payouts.services import payout_reverse

    staff = UserFactory(email="staff@platform.test", is_staff=True)
    mentorship = stipend_mentorship(org_a)
    payout = pass_checkpoint(org_a, mentorship)
    org = org_a.organization
    with scope(organization=org):
        payout_approve(payout=payout, actor=org_a.admin)
        payout_pay(payout=payout, actor=staff, reference="W-1", paid_on=date.today())

    def reverse(i):
        with scope(organization=org):
            fresh = Payout.objects.get(pk=payout.pk)
            payout_reverse(payout=fresh, actor=org_a.admin, reason=f"Correction {i}")
        return "ok"

    results = _race(reverse)
    assert results.count("ok") == 1, results
    assert set(results) - {"ok"} <= {"This payout was reversed."}
    with scope(organization=org):
        assert PayoutReversal.objects.filter(payout=payout).count() == 1
        (ledger,) = program_ledgers(program=mentorship.term.program)
    assert ledger.paid == 0 and ledger.reversed == payout.amount


@pytest.mark.django_db(transaction=True)
def test_a_payment_racing_a_correction_to_a_fail_never_leaves_it_paid(org_a):
    """Half the threads pay the approved payout, half correct its checkpoint to a fail:
    either it was paid first and is reversed (one reversal entry), or it was declined
    first and every payment is refused; never paid with its checkpoint failed."""
    from mentorship.evaluations.services.verdicts import evaluation_correct
    from payments.payouts.models import PayoutReversal

    staff = UserFactory(email="staff@platform.test", is_staff=True)
    mentorship = stipend_mentorship(org_a)
    payout = pass_checkpoint(org_a, mentorship)
    org = org_a.organization
    with scope(organization=org):
        payout_approve(payout=payout, actor=org_a.admin)

    def job(i):
        with scope(organization=org):
            if i % 2:
                fresh = Payout.objects.get(pk=payout.pk)
                payout_pay(payout=fresh, actor=staff, reference=f"W-{i}", paid_on=date.today())
                return "paid"
            evaluation_correct(
                evaluation=mentorship.evaluations.get(kind="midterm"),
                actor=org_a.admin,
                verdict="fail",
                reason="Plagiarism",
            )
            return "corrected"

    _race(job)
    with scope(organization=org):
        state = Payout.objects.get(pk=payout.pk).state
        reversals = PayoutReversal.objects.filter(payout_id=payout.pk).count()
    assert (state, reversals) in {("reversed", 1), ("declined", 0)}
