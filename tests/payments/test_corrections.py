"""Corrections are new entries: a paid installment whose checkpoint is corrected to a fail
gets a reversal entry (the payout is never edited, only moved paid → reversed), the ledger
subtracts it, the mentee sees it, and a correction back to a pass makes a new payout.
Payout emails go once per (payout, state), whatever the retries of the bulk task."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from core.audit.models import AuditEvent
from core.outbox.models import OutboxEmail
from mentorship.evaluations.services.verdicts import evaluation_correct
from payments.funds.selectors import program_ledgers
from payments.funds.services import fund_record
from payments.payouts.models import Payout, PayoutEmail, PayoutReversal
from payments.payouts.services import (
    payout_approve,
    payout_decline,
    payout_pay,
    payouts_bulk_approve,
    payouts_notify,
)
from payments.payouts.tasks import notify_payouts
from tests.conftest import api_client_for, client_for
from tests.factories.payments import pass_checkpoint, stipend_mentorship

pytestmark = pytest.mark.django_db


def _paid(org_a, staff_user, country="US"):
    mentorship = stipend_mentorship(org_a, country=country)
    payout = pass_checkpoint(org_a, mentorship)
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
        payout_pay(payout=payout, actor=staff_user, reference="W-7", paid_on=date(2026, 11, 2))
        payout.refresh_from_db()
    return mentorship, payout


def _correct(org_a, mentorship, verdict, reason):
    with scope(organization=org_a.organization):
        evaluation_correct(
            evaluation=mentorship.evaluations.get(kind="midterm"),
            actor=org_a.admin,
            verdict=verdict,
            reason=reason,
        )


def test_a_paid_installment_corrected_to_a_fail_gets_a_reversal_entry(org_a, staff_user):
    mentorship, payout = _paid(org_a, staff_user)
    program = mentorship.term.program
    with scope(organization=org_a.organization):
        fund_record(
            program=program,
            actor=org_a.admin,
            sponsor="Sponsor",
            amount="10000.00",
            currency="USD",
            received_on=date(2026, 11, 1),
        )
    _correct(org_a, mentorship, "fail", "The work was not the mentee's own")
    with scope(organization=org_a.organization):
        payout.refresh_from_db()
        reversal = PayoutReversal.objects.get(payout=payout)
        (ledger,) = program_ledgers(program=program)
    # The payout keeps its payment as it was; only its state moved.
    assert (payout.state, payout.reference, payout.paid_on) == (
        "reversed",
        "W-7",
        date(2026, 11, 2),
    )
    assert payout.reversed_at is not None
    assert (reversal.amount, reversal.currency) == (Decimal("3000.00"), "USD")
    assert reversal.recorded_by == org_a.admin
    assert (ledger.paid_out, ledger.reversed, ledger.paid, ledger.balance) == (
        Decimal("3000.00"),
        Decimal("3000.00"),
        Decimal("0.00"),
        Decimal("10000.00"),
    )
    actions = set(AuditEvent._base_manager.values_list("action", flat=True))
    assert {"payout.reversed", "payout.reversal"} <= actions
    with scope(organization=org_a.organization):
        told = OutboxEmail.objects.filter(to=mentorship.mentee.email, subject__contains="reversed")
        assert "corrected to a fail" in told.get().text_body

    # The mentee sees it, on the page and in the API.
    page = client_for(mentorship.mentee).get("/me/stipend/").content.decode()
    assert "Correction: the payment of 3000.00 USD" in page and "was reversed" in page
    (plan,) = api_client_for(mentorship.mentee).get("/api/v1/me/stipend/").json()
    first = plan["installments"][0]
    assert first["reversals"][0]["amount"] == "3000.00"
    assert first["reversals"][0]["reference"] == "W-7"
    assert first["payout"]["state"] == "reversed"

    # The ledger's CSV has the payment and its reversal, summing to the balance.
    slug = org_a.organization.slug
    response = client_for(org_a.admin).get(f"/o/{slug}/funds/ledger.csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()[1:]
    assert sum(Decimal(line.split(",")[-2]) for line in lines) == ledger.balance
    assert any(",reversed," in line for line in lines)


def test_a_correction_back_to_a_pass_after_a_reversal_makes_a_new_payout(org_a, staff_user):
    mentorship, payout = _paid(org_a, staff_user)
    _correct(org_a, mentorship, "fail", "Plagiarism")
    _correct(org_a, mentorship, "pass", "The plagiarism claim was wrong")
    with scope(organization=org_a.organization):
        payouts = list(Payout.objects.filter(installment=payout.installment).order_by("id"))
    assert [p.state for p in payouts] == ["reversed", "payable"]
    assert payouts[1].amount == payout.amount
    # Still one live payout: passing again makes nothing more.
    _correct(org_a, mentorship, "fail", "Again")
    with scope(organization=org_a.organization):
        assert Payout.objects.filter(installment=payout.installment).count() == 2
        assert Payout.objects.get(pk=payouts[1].pk).state == "declined"


def test_an_approved_payout_is_declined_when_its_checkpoint_fails_and_cannot_be_paid(
    org_a, staff_user
):
    mentorship = stipend_mentorship(org_a)
    payout = pass_checkpoint(org_a, mentorship)
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
    _correct(org_a, mentorship, "fail", "Plagiarism")
    with scope(organization=org_a.organization):
        payout.refresh_from_db()
        assert payout.state == "declined" and "corrected to a fail" in payout.reason
        assert not PayoutReversal.objects.exists()
        with pytest.raises(ValidationError, match="declined"):
            payout_pay(payout=payout, actor=staff_user, reference="W-8", paid_on=date(2026, 11, 3))
        assert Payout.objects.get(pk=payout.pk).state == "declined"
        # The mentee is told (the payout's email for its new state).
        assert PayoutEmail.objects.filter(payout=payout, state="declined").exists()


def test_an_admin_declines_payable_payouts_only(org_a):
    mentorship = stipend_mentorship(org_a)
    payout = pass_checkpoint(org_a, mentorship)
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
        with pytest.raises(ValidationError, match="already approved"):
            payout_decline(payout=payout, actor=org_a.admin, reason="Changed my mind")
        assert Payout.objects.get(pk=payout.pk).state == "approved"


def test_the_bulk_approval_task_never_emails_twice(org_a, django_capture_on_commit_callbacks):
    mentorships = [stipend_mentorship(org_a, program=None) for _ in range(3)]
    payouts = [pass_checkpoint(org_a, m) for m in mentorships]
    ids = [str(p.public_id) for p in payouts]
    with scope(organization=org_a.organization):
        payouts_bulk_approve(
            organization=org_a.organization, actor=org_a.admin, ids=ids, expected_count=3
        )
        before = OutboxEmail.objects.count()
        pks = [p.pk for p in payouts]
        assert payouts_notify(payout_ids=pks) == 3
        # A retried task, and a duplicated delivery of it: nothing more.
        assert payouts_notify(payout_ids=pks) == 0
    assert (
        notify_payouts.apply(args=[pks], kwargs={"organization_id": org_a.organization.pk}).get()
        == 0
    )
    with scope(organization=org_a.organization):
        assert OutboxEmail.objects.count() == before + 3
        assert PayoutEmail.objects.filter(state="approved").count() == 3
        for mentorship in mentorships:
            approved = OutboxEmail.objects.filter(
                to=mentorship.mentee.email, subject__icontains="approved"
            )
            assert approved.count() == 1
