"""A mentor opens the review dashboard of their term, filters to the applicants they have
not reviewed yet, scores two inline (no page reload), declares a conflict of interest on a
third, and watches the progress bar move."""

import re

import pytest
from django_scopes import scope

from accounts.organizations.models import Role
from applications.review.services import review_save
from tests.applications.review_data import make_applicant
from tests.browser.conftest import sign_in
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _score_inline(page, name, values):
    row = page.locator("tr", has_text=name)
    row.get_by_role("link", name=re.compile("^Score")).click()
    form = page.get_by_role("form", name=f"Review of {name}")
    for label, value in values.items():
        form.get_by_label(label).select_option(value)
    form.get_by_label("Private notes").fill(f"Notes about {name}.")
    form.get_by_role("button", name="Save review").click()
    page.locator("tr", has_text=name).locator("td.reviewed", has_text="Yes").wait_for()


def test_mentor_filters_scores_inline_declares_a_conflict_and_sees_progress(page):
    organization = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    mentor = UserFactory(email="mentor@aurora.test", display_name="Max Mentor")
    MembershipFactory(organization=organization, user=mentor, role=Role.MENTOR)
    program = ProgramFactory(organization=organization, name="Kernel Mentorship")
    term = make_term(program, CycleFactory(name="2031 Spring"), primary_mentor=mentor)
    done = make_applicant(term, name="Ada Already", country="GB")
    for name in ("Bo Second", "Cy Third", "Di Fourth"):
        make_applicant(term, name=name, country="IN")
    with scope(organization=organization):
        review_save(
            application=done,
            reviewer=mentor,
            skills=3,
            motivation=3,
            communication=3,
            availability=3,
        )

    sign_in(page, "mentor@aurora.test")
    page.goto(f"/o/aurora/terms/{term.pk}/")
    page.get_by_role("link", name="Review applicants").click()
    progress = page.locator("#review-progress")
    progress.get_by_text("1 of 4 reviewed").wait_for()
    marker = page.evaluate("() => { window.noReload = true; return window.noReload }")
    assert marker

    # Only the applicants not yet reviewed by me.
    page.get_by_label("Not yet reviewed by me").check()
    page.get_by_role("button", name="Apply").click()
    page.get_by_text("(3 found)").wait_for()
    assert page.locator("tr", has_text="Ada Already").count() == 0

    # Score two inline.
    scores = {"Skills": "4", "Motivation": "5", "Communication": "4", "Availability": "3"}
    _score_inline(page, "Bo Second", scores)
    progress.get_by_text("2 of 4 reviewed").wait_for()
    _score_inline(page, "Cy Third", {**scores, "Skills": "2"})
    progress.get_by_text("3 of 4 reviewed").wait_for()

    # Declare a conflict on the third.
    page.locator("tr", has_text="Di Fourth").get_by_role(
        "link", name=re.compile("^Conflict")
    ).click()
    form = page.get_by_role("form", name="Conflict of interest with Di Fourth")
    form.get_by_label("Relationship").select_option(label="Close friend")
    form.get_by_role("button", name="Declare conflict").click()
    page.locator("tr", has_text="Di Fourth").get_by_text("Conflict declared").wait_for()
    progress.get_by_text("3 of 3 reviewed").wait_for()
    progress.get_by_text("(1 conflict)").wait_for()
    # All of it without reloading the page.
    assert page.evaluate("() => window.noReload === true")

    # After a reload the filter still holds and the scores are there.
    page.reload()
    page.get_by_text("(0 found)").wait_for()
    page.get_by_label("Not yet reviewed by me").uncheck()
    page.get_by_role("button", name="Apply").click()
    page.locator("tr", has_text="Bo Second").locator("td.score", has_text="4.00").wait_for()
