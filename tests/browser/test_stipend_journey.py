"""Stipends, end to end: two mentees passed their midterm; the admin ticks both payouts,
types the count and approves them; staff mark one paid with its reference; the mentee sees
it paid on /me/stipend/ and on the mentorship page. Screenshots in test-artifacts/screens/."""

import re

import pytest
from django_scopes import scope

from payments.payouts.models import Payout
from tests.browser.conftest import sign_in
from tests.conftest import make_tenant
from tests.factories.accounts import UserFactory
from tests.factories.payments import pass_checkpoint, stipend_mentorship

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.context.clear_cookies()


def test_admin_bulk_approves_staff_pays_mentee_sees_it(page, look):
    tenant = make_tenant("aurora")
    staff = UserFactory(email="staff@platform.test", display_name="Sam Staff", is_staff=True)
    first = stipend_mentorship(tenant, country="DE")
    second = stipend_mentorship(tenant, program=first.term.program, term=first.term, country="IN")
    payout = pass_checkpoint(tenant, first)
    pass_checkpoint(tenant, second)
    mentee = first.mentee

    sign_in(page, tenant.admin.email)
    page.goto("/o/aurora/payouts/")
    page.get_by_role("heading", name="Stipend payouts").wait_for()
    look("stipend-admin-payouts")
    for box in page.locator("input[name=payouts]").all():
        box.check()
    page.locator("#bulk-count").fill("2")
    page.get_by_role("button", name="Approve the ticked payouts").click()
    page.get_by_text("2 payouts approved.").wait_for()
    sign_out(page)

    sign_in(page, staff.email)
    page.goto("/staff/payouts/?state=approved")
    page.get_by_role("heading", name="Payment queue").wait_for()
    look("stipend-staff-queue")
    page.locator(f"#ref-{payout.public_id}").fill("WIRE-2026-0042")
    page.locator(f"#ref-{payout.public_id}").locator("xpath=ancestor::form").get_by_role(
        "button", name="Mark paid"
    ).click()
    page.get_by_text(re.compile("is paid")).wait_for()
    sign_out(page)

    sign_in(page, mentee.email)
    page.goto("/me/stipend/")
    page.get_by_text("WIRE-2026-0042", exact=False).wait_for()
    look("stipend-mentee")
    page.goto(f"/me/mentorships/{first.public_id}/")
    page.get_by_role("heading", name="Stipend").wait_for()
    with scope(organization=tenant.organization):
        assert Payout.objects.get(pk=payout.pk).state == "paid"
        assert Payout.objects.filter(state="approved").count() == 1


def test_admin_sets_a_pending_plan_and_publishes_the_ledger(page, look):
    tenant = make_tenant("aurora")
    mentorship = stipend_mentorship(tenant, country="FI")  # no row, no floor: pending
    program = mentorship.term.program
    program.status = "approved"
    program.save(update_fields=["status"])

    sign_in(page, tenant.admin.email)
    page.goto("/o/aurora/stipend-policies/")
    page.get_by_role("heading", name="Plans waiting for an amount").wait_for()
    page.get_by_label(re.compile("Amount")).fill("4200.00")
    page.get_by_role("button", name="Set this amount").click()
    page.get_by_text(f"The stipend of {mentorship.mentee.name} is set.").wait_for()
    page.get_by_text("None: every plan has its amount.").wait_for()
    look("stipend-pending-resolved")
    page.goto("/o/aurora/funds/")
    page.get_by_role("button", name="Publish totals").click()
    page.get_by_text(re.compile("now on its public page")).wait_for()
    sign_out(page)

    page.goto(f"/programs/aurora/{program.slug}/")
    page.get_by_role("heading", name="Stipend ledger").wait_for()
    look("stipend-public-ledger")
    assert "4200.00" in page.content()  # committed
    assert mentorship.mentee.name not in page.content()
