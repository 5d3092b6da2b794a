"""An admin steers a term's reminders and writes to its applicants: from the term's page to
its reminders (the upcoming ones, a preview of the email, pausing one), then an announcement
with its confirmation step and progress; the applicant reads it in her notifications.
Screenshots: test-artifacts/screens/term-reminders-*.png, term-announcements-*.png,
announcement-notification-*.png."""

import re

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import make_tenant
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _card(page):
    """The card of the "1 day before applications close" rule."""
    heading = page.get_by_role("heading", name=re.compile("^1 day before applications close"))
    return page.locator("li.card", has=heading)


def test_admin_previews_pauses_and_announces_and_the_applicant_reads_it(
    browser, live_server, look, page
):
    tenant = make_tenant("aurora")
    program = ProgramFactory(organization=tenant.organization, name="Kernel Mentorship")
    term = make_term(program, CycleFactory())
    ApplicationFactory(term=term, state="draft", applicant=UserFactory(display_name="Dana Draft"))
    applicant = UserFactory(email="sam@example.test", display_name="Sam Submitted")
    ApplicationFactory(term=term, state="submitted", applicant=applicant)

    sign_in(page, tenant.admin.email)
    page.goto(f"/o/aurora/terms/{term.pk}/")
    page.get_by_role("link", name="Reminders of this term").click()
    page.get_by_role("heading", name="Reminders of this term").wait_for()
    card = page.locator(
        "li.card", has=page.get_by_role("heading", name="1 day before applications close")
    )
    card.get_by_text("Preview the email (dry run, to Dana Draft)").click()
    assert "is still a draft" in card.inner_text()
    look("term-reminders")
    card.get_by_role("button", name="Pause for this term").click()
    page.get_by_text("is paused for this term").wait_for()
    card = page.locator(
        "li.card",
        has=page.get_by_role("heading", name=re.compile("^1 day before applications close")),
    )
    assert "Paused" in card.inner_text()
    assert card.get_by_role("button", name="Resume this reminder").count() == 1

    page.get_by_role("link", name="announcement").click()
    page.get_by_role("heading", name="Announcements").wait_for()
    page.get_by_label("Subject").fill("Office hours on Friday")
    page.get_by_label("Message").fill("Bring your questions about the project ideas.")
    page.get_by_role("button", name="Continue: see who it goes to").click()
    page.get_by_text("This goes to 1 person.").wait_for()
    page.get_by_role("button", name="Yes, send to 1 person").click()
    page.get_by_text("Announcement queued to 1 person.").wait_for()
    assert "1 of 1 sent" in page.locator("table.stack tbody tr").first.inner_text()
    look("term-announcements")

    reader = browser.new_context(base_url=live_server.url).new_page()
    sign_in(reader, applicant.email)
    reader.goto("/me/notifications/")
    row = reader.locator("table.stack tbody tr").first
    assert "Kernel Mentorship: Office hours on Friday" in row.inner_text()
    assert "Bring your questions about the project ideas." in row.inner_text()
    assert row.get_by_role("link", name="Open").count() == 1
