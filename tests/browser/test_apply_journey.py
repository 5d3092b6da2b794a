"""A mentee finds a program in the catalog, starts an application, leaves, comes back from
My applications, completes it (the answers save as they go), submits and sees "Submitted",
reorders two applications and withdraws one."""

import pytest
from django.core import mail

from accounts.organizations.models import Role
from applications.apply.models import Application
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import (
    add_prerequisite,
    complete_mentee,
    fill,
    start,
    submit,
)
from tests.browser.conftest import sign_in
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentee_applies_comes_back_submits_reorders_and_withdraws(page):
    aurora = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    borealis = OrganizationFactory(slug="borealis", name="Borealis Cloud")
    MembershipFactory(
        organization=aurora, user=UserFactory(email="admin@aurora.test"), role=Role.ADMIN
    )
    cycle = CycleFactory(name="2031 Spring")
    kernel = make_term(
        ProgramFactory(organization=aurora, name="Kernel Mentorship", skills=[]), cycle
    )
    add_prerequisite(kernel, kind="coding_challenge")
    cloud = make_term(ProgramFactory(organization=borealis, name="Cloud Contributors"), cycle)
    mentee = complete_mentee("mina@mentee.test")
    mentee.timezone = "Europe/Berlin"
    mentee.save()
    submit(fill(start(mentee, cloud)))  # applied earlier to another organization's term
    mail.outbox.clear()

    sign_in(page, "mina@mentee.test")
    # Find the program and start an application.
    page.goto("/programs/")
    page.get_by_role("link", name="Kernel Mentorship").click()
    page.get_by_role("link", name="Apply to this term").click()
    page.get_by_role("button", name="Start my application").click()
    page.get_by_text("Your draft application is started").wait_for()
    page.get_by_label("Cover letter").fill("I have sent two patches to the storage drivers.")
    page.get_by_role("button", name="Save cover letter").click()
    page.locator("#cover-letter-status").get_by_text("Saved at").wait_for()

    # Leave, and come back from My applications: the draft kept the letter.
    page.goto("/")
    page.get_by_role("link", name="My applications").click()
    page.get_by_text("Draft — not submitted yet").wait_for()
    page.get_by_role("link", name="Continue").click()
    assert "storage drivers" in page.get_by_label("Cover letter").input_value()

    # Submitting too early says what is missing; complete it and submit.
    page.get_by_role("button", name="Submit application").click()
    page.get_by_text("Complete these prerequisites before submitting: Coding challenge").wait_for()
    page.get_by_label("Coding challenge").fill("https://github.com/mina/challenge")
    page.get_by_role("button", name="Save Coding challenge").click()
    page.get_by_text("Saved at").first.wait_for()
    page.reload()
    page.get_by_text("Prerequisites (1 of 1 done)").wait_for()
    page.get_by_role("button", name="Submit application").click()
    page.get_by_text("Your application is submitted").wait_for()
    assert page.locator("[data-state]").inner_text() == "Submitted"
    assert "Europe/Berlin" in page.content() and "Results are announced" in page.content()
    assert [m.to for m in mail.outbox] == [["mina@mentee.test"]]

    # Reorder: the new submission went last; move it up.
    page.get_by_role("link", name="My applications").first.click()
    rows = page.locator("table.ranking tbody tr")
    assert "Cloud Contributors" in rows.nth(0).inner_text()
    assert "Kernel Mentorship" in rows.nth(1).inner_text()
    page.get_by_role("button", name="Move Kernel Mentorship up").click()
    page.get_by_text("Ranking saved").wait_for()
    rows = page.locator("table.ranking tbody tr")
    assert "Kernel Mentorship" in rows.nth(0).inner_text()

    # Withdraw one, with confirmation.
    page.get_by_role("link", name="Cloud Contributors").click()
    page.get_by_role("link", name="Withdraw this application").click()
    page.get_by_role("button", name="Yes, withdraw this application").click()
    page.get_by_text("Your application is withdrawn").wait_for()
    page.get_by_text("Withdrawn").first.wait_for()
    states = dict(
        Application.objects.with_scopes_disabled()
        .filter(applicant=mentee)
        .values_list("term__program__name", "state")
    )
    assert states == {"Kernel Mentorship": "submitted", "Cloud Contributors": "withdrawn"}
