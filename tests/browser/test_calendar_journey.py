"""A mentee with a draft and a mentorship opens her calendar from the account menu, copies
its private address, downloads one deadline as .ics (it parses back) and makes a new
address; her mentorship page draws its timeline with today marked. Screenshots:
test-artifacts/screens/calendar-*.png, mentorship-timeline-*.png."""

import re

import pytest
from django_scopes import scopes_disabled
from icalendar import Calendar

from mentorship.calendars.models import CalendarFeed
from tests.browser.conftest import sign_in
from tests.conftest import make_tenant
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentee_subscribes_to_her_deadlines_and_downloads_one(page, look):
    tenant = make_tenant("aurora")
    mentee = UserFactory(email="mina@example.test", display_name="Mina", timezone="Europe/Berlin")
    mentorship = confirmed_mentorship(tenant, mentee=mentee)
    program = ProgramFactory(organization=tenant.organization, name="Kernel Mentorship")
    draft = ApplicationFactory(
        term=make_term(program, CycleFactory()), applicant=mentee, state="draft"
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    sign_in(page, mentee.email)
    page.locator(".nav-secondary summary").click()
    page.get_by_role("link", name="My calendar").click()
    page.get_by_role("heading", name="My calendar").wait_for()
    with scopes_disabled():
        secret = CalendarFeed.objects.get(user=mentee).secret
    address = page.get_by_label("Calendar address")
    assert address.input_value().endswith(f"/calendars/{secret}.ics")
    page.get_by_role("button", name="Copy the address").click()
    page.get_by_text("Copied to the clipboard.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address.input_value()
    assert (
        page.get_by_role("link", name="Subscribe in your calendar app")
        .get_attribute("href")
        .startswith("webcal://")
    )
    row = page.locator("table.stack tbody tr", has_text="Kernel Mentorship: applications close")
    look("calendar")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Add this one (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"application-{draft.public_id.hex}-close.ics"
    [event] = Calendar.from_ical(open(download.path(), "rb").read()).walk("VEVENT")
    assert str(event["uid"]).startswith(f"application-{draft.public_id.hex}-close@")

    page.get_by_role("button", name="Make a new address").click()
    page.get_by_text("Your calendar has a new address.").wait_for()
    assert secret not in page.get_by_label("Calendar address").input_value()

    page.goto(f"/me/mentorships/{mentorship.public_id}/")
    drawing = page.get_by_role("img", name=re.compile("Timeline of the mentorship of Mina"))
    drawing.wait_for()
    assert page.locator(".timeline-drawing line.today").count() == 1
    midterm = page.get_by_role("row", name=re.compile("Midterm evaluation · week 6"))
    assert midterm.get_by_role("link", name="Add to calendar").count() == 1
    look("mentorship-timeline")
