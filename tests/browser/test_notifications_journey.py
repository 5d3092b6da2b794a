"""A mentee with a draft gets the "applications close" reminder: the navigation counts it,
the notifications page shows it in her zone, she marks it read and opens her reminder
preferences. Screenshots: test-artifacts/screens/notifications-*.png, reminders-*.png."""

from datetime import timedelta

import pytest

from core.reminders.services import reminder_sweep
from tests.browser.conftest import sign_in
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentee_reads_a_reminder_in_her_notifications_and_sets_preferences(page, look):
    program = ProgramFactory(name="Kernel Mentorship")
    term = make_term(program, CycleFactory())
    mentee = UserFactory(email="mentee@example.test", timezone="Asia/Tokyo")
    ApplicationFactory(term=term, state="draft", applicant=mentee)
    assert reminder_sweep(now=term.applications_close_at - timedelta(days=2)) == 1

    sign_in(page, mentee.email)
    # The account menu counts the unread notification and leads to them.
    assert page.locator("#nav-unread").inner_text().startswith("1")
    page.locator(".nav-secondary summary").click()
    page.get_by_role("link", name="Notifications (1 unread)").click()
    page.get_by_role("heading", name="Notifications").wait_for()
    row = page.locator("table.stack tbody tr").first
    assert "Kernel Mentorship: applications close in 3 days" in row.inner_text()
    # A short summary (the email's first paragraph, in her zone) and the link.
    assert "Asia/Tokyo" in row.inner_text() and "Hello," not in row.inner_text()
    look("notifications")

    row.get_by_role("button", name="Mark as read").click()
    page.get_by_text("All read.").wait_for()
    assert page.locator("#nav-unread").count() == 0

    page.get_by_role("link", name="reminder preferences").click()
    page.get_by_role("heading", name="Reminder preferences").wait_for()
    assert page.get_by_text("1 day before applications close").count() == 1  # always sent
    page.get_by_label("1 day before a task is due, while it is to do or in progress").uncheck()
    page.get_by_role("button", name="Save preferences").click()
    page.get_by_text("Reminder preferences saved.").wait_for()
    assert not page.get_by_label(
        "1 day before a task is due, while it is to do or in progress"
    ).is_checked()
    look("reminders")
