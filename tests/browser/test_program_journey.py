"""An admin creates a program and submits it, staff approve it, the admin adds a full-time
term, moves the midterm by two days and opens applications, and a visitor finds the
program in the catalog by skill."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.organizations.models import Role
from tests.browser.conftest import sign_in, sign_out
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.programs import CycleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_publishes_a_program_with_a_term_and_a_visitor_finds_it(page):
    organization = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    admin = UserFactory(email="admin@aurora.test", display_name="Ada Admin")
    MembershipFactory(organization=organization, user=admin, role=Role.ADMIN)
    mentor = UserFactory(email="mentor@aurora.test", display_name="Max Mentor")
    MembershipFactory(organization=organization, user=mentor, role=Role.MENTOR)
    UserFactory(email="staff@platform.test", is_staff=True)
    CycleFactory(name="2031 Spring")

    # The admin creates a program and submits it.
    sign_in(page, "admin@aurora.test")
    page.goto("/o/aurora/")
    page.get_by_role("link", name="New program").first.click()
    page.get_by_label("Name").fill("eBPF Observability")
    page.get_by_label("Description").fill(
        "Build tracing tools with eBPF. Expected outcomes: two tools merged upstream."
    )
    page.get_by_label("Skills").fill("eBPF, Rust")
    page.get_by_label("Repository URL").fill("https://example.org/ebpf")
    page.get_by_role("button", name="Create draft").click()
    page.get_by_text("created as a draft").wait_for()
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("Waiting for staff approval").first.wait_for()
    sign_out(page)

    # Platform staff approve it; the admins get an email.
    sign_in(page, "staff@platform.test")
    page.goto("/staff/")
    page.get_by_role("link", name="Programs waiting for approval").click()
    page.get_by_role("link", name="eBPF Observability").click()
    page.get_by_role("button", name="Approve and publish").click()
    page.get_by_text("is approved and published").wait_for()
    assert [m.to for m in mail.outbox] == [["admin@aurora.test"]]
    assert "approved" in mail.outbox[0].subject
    sign_out(page)

    # The admin adds a full-time term, moves the midterm by two days, opens applications.
    sign_in(page, "admin@aurora.test")
    page.goto("/o/aurora/")
    page.get_by_role("link", name="eBPF Observability").click()
    page.get_by_role("link", name="Add a term").first.click()
    page.get_by_label("Cycle").select_option(label="2031 Spring")
    page.get_by_label("Full-time (12 weeks, ~40 h/week)").check()
    start = timezone.now().date() + timedelta(days=40)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Capacity").fill("3")
    page.get_by_label("Primary mentor").select_option(label=str(mentor))
    page.get_by_role("button", name="Add term").click()
    page.get_by_text("Term added with its timeline").wait_for()

    page.get_by_role("link", name="Move milestones").click()
    midterm = page.get_by_label("Midterm evaluation due (first installment)")
    preset = datetime.fromisoformat(midterm.input_value())
    assert preset.date() == start + timedelta(weeks=6) and preset.hour == 18
    moved = preset + timedelta(days=2)
    midterm.fill(moved.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save timeline").click()
    page.get_by_text("Timeline saved").wait_for()
    assert f"{moved.day} {moved:%b %Y, %H:%M} UTC" in page.content()

    page.get_by_role("button", name="Open applications now").click()
    page.get_by_text("Applications are open until").wait_for()
    sign_out(page)

    # A visitor finds the program in the catalog by skill.
    page.goto("/programs/")
    page.get_by_label("Skill").select_option(label="eBPF")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="eBPF Observability").click()
    page.get_by_role("heading", name="eBPF Observability").wait_for()
    body = page.content()
    assert "Accepting applications" in body and "3 mentee slots" in body
    assert "Max Mentor (primary)" in body
    assert f"{moved.day} {moved:%b %Y, %H:%M} UTC" in body  # the moved midterm, dated
