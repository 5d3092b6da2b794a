"""Late-stipend reminders (payments/reminders.py, core.reminders): payable payouts not
approved a week after their checkpoint passed → the organization's admins; approved payouts
not paid a week after the approval → platform staff. One reminder per organization and day,
sent once per recipient."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from core.outbox.models import OutboxEmail
from core.reminders.registry import rule_get
from core.reminders.services import reminder_send_batch
from payments.payouts.models import Payout
from payments.payouts.services import payout_approve
from tests.factories.payments import pass_checkpoint, stipend_mentorship

pytestmark = pytest.mark.django_db

NOT_APPROVED = "payments.stipends_not_approved"
NOT_PAID = "payments.stipends_not_paid"


def _send(name, now) -> int:
    rule = rule_get(name)
    return reminder_send_batch(rule=rule, batch=list(rule.due(now)))


def _mail(user, words):
    return OutboxEmail.objects.filter(to=user.email, subject__icontains=words)


def test_admins_hear_of_payable_payouts_a_week_late_once(org_a, org_b, staff_user):
    payouts = [pass_checkpoint(org_a, stipend_mentorship(org_a)) for _ in range(2)]
    pass_checkpoint(org_b, stipend_mentorship(org_b))
    created = max(p.created_at for p in payouts)
    assert _send(NOT_APPROVED, created + timedelta(days=6)) == 0
    late = created + timedelta(days=7, hours=1)
    assert _send(NOT_APPROVED, late) == 2  # A's admin, B's admin: one reminder each
    assert _send(NOT_APPROVED, late) == 0
    assert _send(NOT_APPROVED, late + timedelta(days=1)) == 0  # still once
    (mail,) = _mail(org_a.admin, "waiting for approval")
    assert "2 stipend installments" in mail.subject and "Alpha" in mail.subject
    assert "/payouts/?state=payable" in mail.text_body
    (mail_b,) = _mail(org_b.admin, "waiting for approval")
    assert mail_b.subject.count("1 stipend installment ") == 1
    for person in (org_a.coordinator, org_a.mentor, staff_user):
        assert not _mail(person, "waiting for approval").exists()
    # Past the 30 days, an old payable payout is not reminded (the lists show it).
    assert rule_get(NOT_APPROVED).due(created + timedelta(days=40)) == []


def test_approved_payouts_decided_in_time_are_not_reminded_to_admins(org_a):
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
    assert _send(NOT_APPROVED, payout.created_at + timedelta(days=8)) == 0


def test_staff_hear_of_approved_payouts_not_paid_a_week_later_once(org_a, staff_user):
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
        approved_at = Payout.objects.get(pk=payout.pk).approved_at
    assert _send(NOT_PAID, approved_at + timedelta(days=6, hours=23)) == 0
    late = approved_at + timedelta(days=7, minutes=10)
    assert _send(NOT_PAID, late) == 1
    assert _send(NOT_PAID, late) == 0
    (mail,) = _mail(staff_user, "not paid for 7 days")
    assert mail.subject.endswith("1 approved stipend payout not paid for 7 days")
    assert "/staff/payouts/?state=approved" in mail.text_body
    assert not _mail(org_a.admin, "not paid").exists()


def test_a_payout_paid_in_time_is_not_reminded(org_a, staff_user):
    from datetime import date

    from payments.payouts.services import payout_pay

    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    with scope(organization=org_a.organization):
        payout_approve(payout=payout, actor=org_a.admin)
        payout_pay(payout=payout, actor=staff_user, reference="W", paid_on=date.today())
    assert _send(NOT_PAID, timezone.now() + timedelta(days=8)) == 0
