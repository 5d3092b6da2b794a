"""A coordinator opens a term's rank list from the review dashboard, moves an applicant
down (an HTMX swap of the list), types a rank, and sets the cut line."""

import pytest

from accounts.organizations.models import Role
from tests.browser.conftest import sign_in
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import term_in
from tests.factories.matching import matched_cycle, score
from tests.factories.programs import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _names(page):
    return page.locator("#rank-list tbody tr td:nth-child(2) a").all_inner_texts()


def test_coordinator_reorders_the_rank_list_and_sets_the_cut_line(page):
    aurora = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    coordinator = UserFactory(email="cora@aurora.test", display_name="Cora Coordinator")
    MembershipFactory(organization=aurora, user=coordinator, role=Role.COORDINATOR)
    term = term_in(ProgramFactory(organization=aurora, name="Kernel Mentorship"), matched_cycle())
    for name, value in (("Ana Best", 5), ("Bo Middle", 4), ("Cy Last", 3)):
        application = ApplicationFactory(term=term, applicant=UserFactory(display_name=name))
        score(application, coordinator, value)

    sign_in(page, "cora@aurora.test")
    page.goto(f"/o/aurora/review/terms/{term.pk}/")
    page.get_by_role("link", name="Rank list of this term").click()
    page.get_by_role("heading", name="Rank list: Kernel Mentorship, Matched (full-time)").wait_for()
    assert _names(page) == ["Ana Best", "Bo Middle", "Cy Last"]
    page.get_by_role("button", name="Move Ana Best down").click()
    page.get_by_text("Ana Best moved to rank 2.").wait_for()
    assert _names(page) == ["Bo Middle", "Ana Best", "Cy Last"]
    page.get_by_label("Rank of Cy Last").fill("1")
    page.locator("#rank-list tbody tr").nth(2).get_by_role("button", name="Move to rank").click()
    page.get_by_text("Cy Last moved to rank 1.").wait_for()
    assert _names(page) == ["Cy Last", "Bo Middle", "Ana Best"]
    page.get_by_label("Cut line: the term would take the first").fill("2")
    page.get_by_role("button", name="Set the cut line").click()
    page.get_by_text("Cut line: not acceptable below").wait_for()
    page.get_by_text("(below the cut line)").wait_for()
