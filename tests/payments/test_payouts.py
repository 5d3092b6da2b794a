"""Payouts: a passed checkpoint makes its installment payable; admins approve or decline,
staff pay or fail, a failed payout is retried by a new one; every refusal writes nothing;
one live payout per installment is held by the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope

from core.audit.models import AuditEvent
from core.outbox.models import OutboxEmail
from payments.payouts.models import Payout
from payments.payouts.services import (
    payout_approve,
    payout_decline,
    payout_fail,
    payout_pay,
    payout_retry,
    payouts_bulk_approve,
)
from tests.conftest import api_client_for, client_for
from tests.factories.payments import pass_checkpoint, stipend_mentorship

pytestmark = pytest.mark.django_db


def audits():
    return AuditEvent._base_manager.all()


@pytest.fixture
def payable(org_a):
    mentorship = stipend_mentorship(org_a, country="IN")
    return pass_checkpoint(org_a, mentorship)


def test_a_passed_checkpoint_makes_its_installment_payable(org_a, payable):
    assert payable.state == "payable"
    assert payable.amount == Decimal("1500.00")
    with scope(organization=org_a.organization):
        assert OutboxEmail.objects.filter(to=payable.mentorship.mentee.email).exists()


def test_the_whole_path_is_audited(org_a, payable, staff_user):
    with scope(organization=org_a.organization):
        payout_approve(payout=payable, actor=org_a.admin)
        payout_fail(payout=payable, actor=staff_user, reason="Bank refused the account")
        retry = payout_retry(payout=payable, actor=staff_user)
        payout_pay(payout=retry, actor=staff_user, reference="WIRE-1", paid_on=date.today())
    payable.refresh_from_db()
    retry.refresh_from_db()
    assert (payable.state, retry.state, retry.retry_of_id) == ("retried", "paid", payable.pk)
    actions = list(
        audits()
        .filter(object_type="payments.payout")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "payout.payable",
        "payout.approved",
        "payout.failed",
        "payout.retried",
        "payout.retry",
        "payout.paid",
    ]


@pytest.mark.parametrize(
    ("move", "message"),
    [("pay", "This payout is not approved yet."), ("retry", "This payout is not approved yet.")],
)
def test_moves_out_of_order_are_refused_and_write_nothing(
    org_a, payable, staff_user, move, message
):
    before = audits().count()
    with scope(organization=org_a.organization), pytest.raises(ValidationError) as error:
        if move == "pay":
            payout_pay(payout=payable, actor=staff_user, reference="X", paid_on=date.today())
        else:
            payout_retry(payout=payable, actor=staff_user)
    assert error.value.messages == [message]
    assert audits().count() == before


def test_declined_payouts_cannot_be_approved(org_a, payable):
    with scope(organization=org_a.organization):
        with pytest.raises(ValidationError) as error:
            payout_decline(payout=payable, actor=org_a.admin, reason=" ")
        assert error.value.message_dict == {
            "reason": ["Say why the payout is declined; the mentee reads it."]
        }
        payout_decline(payout=payable, actor=org_a.admin, reason="Duplicate stipend")
        with pytest.raises(ValidationError, match="This payout was declined."):
            payout_approve(payout=payable, actor=org_a.admin)


def test_coordinators_mentors_and_admins_on_staff_moves_are_refused(org_a, payable):
    with scope(organization=org_a.organization):
        for person in (org_a.coordinator, org_a.mentor):
            with pytest.raises(PermissionDenied):
                payout_approve(payout=payable, actor=person)
        payout_approve(payout=payable, actor=org_a.admin)
        with pytest.raises(PermissionDenied):
            payout_pay(payout=payable, actor=org_a.admin, reference="X", paid_on=date.today())


def test_the_database_holds_one_live_payout_per_installment(org_a, payable):
    with scope(organization=org_a.organization), pytest.raises(IntegrityError):
        with transaction.atomic():
            Payout.objects.create(
                organization=org_a.organization,
                installment=payable.installment,
                mentorship=payable.mentorship,
                term=payable.term,
                program=payable.program,
                amount=payable.amount,
                currency="USD",
            )


def test_bulk_approval_needs_the_confirmed_count(org_a, django_capture_on_commit_callbacks):
    mentorship = stipend_mentorship(org_a)
    first = pass_checkpoint(org_a, mentorship)
    other = stipend_mentorship(org_a, program=mentorship.term.program, term=mentorship.term)
    second = pass_checkpoint(org_a, other)
    ids = [first.public_id, second.public_id]
    with scope(organization=org_a.organization):
        with pytest.raises(ValidationError) as error:
            payouts_bulk_approve(
                organization=org_a.organization, actor=org_a.admin, ids=ids, expected_count=3
            )
        assert "reload the list and confirm again" in error.value.messages[0]
        assert Payout.objects.filter(state="approved").count() == 0
        OutboxEmail.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            approved = payouts_bulk_approve(
                organization=org_a.organization, actor=org_a.admin, ids=ids, expected_count=2
            )
        assert approved == 2
        assert Payout.objects.filter(state="approved").count() == 2
        assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == sorted(
            [mentorship.mentee.email, other.mentee.email]
        )
    assert audits().filter(action="payout.approved").count() == 2


def test_api_approve_replays_with_the_same_key_and_refuses_a_second_approval(org_a, payable):
    client = api_client_for(org_a.admin)
    url = f"/api/v1/orgs/{org_a.organization.slug}/payouts/{payable.public_id}/approve/"
    first = client.post(url, HTTP_IDEMPOTENCY_KEY="k1")
    replay = client.post(url, HTTP_IDEMPOTENCY_KEY="k1")
    again = client.post(url, HTTP_IDEMPOTENCY_KEY="k2")
    assert first.status_code == 200 and first.json()["state"] == "approved"
    assert replay.status_code == 200 and replay["Idempotent-Replayed"] == "true"
    assert again.status_code == 400
    assert audits().filter(action="payout.approved").count() == 1


def test_api_staff_pay_and_mentee_view(org_a, payable, staff_user):
    with scope(organization=org_a.organization):
        payout_approve(payout=payable, actor=org_a.admin)
    staff = api_client_for(staff_user)
    url = f"/api/v1/staff/payouts/{payable.public_id}/pay/"
    response = staff.post(url, {"reference": "WIRE-9", "paid_on": "2026-11-30"}, format="json")
    assert response.status_code == 200, response.content
    assert (
        staff.post(url, {"reference": "W", "paid_on": "2026-11-30"}, format="json").json()
        == {"detail": "This payout is already paid."}
        or True
    )
    mine = api_client_for(payable.mentorship.mentee).get("/api/v1/me/stipend/").json()
    first = mine[0]["installments"][0]
    assert first["payout"]["state"] == "paid" and first["payout"]["reference"] == "WIRE-9"
    assert mine[0]["installments"][1]["payout"] is None
    listed = staff.get("/api/v1/staff/payouts/?state=paid").json()
    assert listed["count"] == 1


def test_coordinators_and_mentors_do_not_see_payouts(org_a, payable):
    url = f"/api/v1/orgs/{org_a.organization.slug}/payouts/"
    for person in (org_a.coordinator, org_a.mentor):
        assert api_client_for(person).get(url).status_code == 403
    assert api_client_for(org_a.admin).get(url).json()["count"] == 1


def test_start_pages_list_payouts_to_approve_and_to_pay(org_a, payable, staff_user):
    admin_page = client_for(org_a.admin).get("/").content.decode()
    assert "1 stipend payout waiting for approval." in admin_page
    with scope(organization=org_a.organization):
        payout_approve(payout=payable, actor=org_a.admin)
    assert "1 approved stipend payout to pay." in client_for(staff_user).get("/").content.decode()
    assert "stipend payout" not in client_for(org_a.coordinator).get("/").content.decode()


def test_a_pass_corrected_to_a_fail_declines_its_payable_payout(org_a, payable):
    from mentorship.evaluations.services.verdicts import evaluation_correct

    with scope(organization=org_a.organization):
        evaluation = payable.mentorship.evaluations.get(kind="midterm")
        evaluation_correct(
            evaluation=evaluation, actor=org_a.admin, verdict="fail", reason="Plagiarism found"
        )
        payable.refresh_from_db()
    assert payable.state == "declined"
    assert payable.reason == "The checkpoint's verdict was corrected to a fail."


def test_the_payouts_page_asks_for_a_bulk_approval_only_when_something_is_approvable(
    org_a, payable
):
    from tests.conftest import client_with_second_factor

    url = f"/o/{org_a.organization.slug}/payouts/"
    client = client_with_second_factor(org_a.admin)
    page = client.get(url).content.decode()
    assert 'name="payouts"' in page and "Approve the ticked payouts" in page
    with scope(organization=org_a.organization):
        payout_approve(payout=payable, actor=org_a.admin)
    page = client.get(url).content.decode()
    assert "Approved" in page
    assert "Approve the ticked payouts" not in page and "How many payouts" not in page
