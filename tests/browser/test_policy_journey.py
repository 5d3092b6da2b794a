"""An admin lets the organization's mentors shortlist: from the organization's home page to
the policy page, one tick and a save; the mentor then finds the shortlist button on the
review dashboard of their term, where there was none before."""

import re

import pytest

from accounts.organizations.models import Role
from tests.applications.review_data import make_applicant
from tests.browser.conftest import sign_in
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_lets_mentors_shortlist_and_the_mentor_can(browser, live_server, artifacts_dir):
    organization = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    admin = UserFactory(email="admin@aurora.test", display_name="Ada Admin")
    mentor = UserFactory(email="mentor@aurora.test", display_name="Max Mentor")
    MembershipFactory(organization=organization, user=admin, role=Role.ADMIN)
    MembershipFactory(organization=organization, user=mentor, role=Role.MENTOR)
    program = ProgramFactory(organization=organization, name="Kernel Mentorship")
    term = make_term(program, CycleFactory(name="2031 Spring"), primary_mentor=mentor)
    make_applicant(term, name="Bo Applicant", country="IN")
    dashboard = f"/o/aurora/review/terms/{term.pk}/"

    def new_page():
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    mentor_page = new_page()
    sign_in(mentor_page, "mentor@aurora.test")
    mentor_page.goto(dashboard)
    row = mentor_page.locator("tr", has_text="Bo Applicant")
    row.wait_for()
    assert row.get_by_role("button", name=re.compile("Shortlist")).count() == 0

    admin_page = new_page()
    sign_in(admin_page, "admin@aurora.test")
    admin_page.goto("/o/aurora/")
    admin_page.get_by_role("link", name="Policy").click()
    admin_page.get_by_role("heading", name="Policy").wait_for()
    admin_page.get_by_label("Mentors may shortlist").check()
    admin_page.get_by_role("button", name="Save policy").click()
    admin_page.get_by_text("Policy saved.").wait_for()
    assert admin_page.get_by_label("Mentors may shortlist").is_checked()
    assert not admin_page.get_by_label("Mentors may decline").is_checked()
    admin_page.screenshot(path=str(artifacts_dir / "policy_saved.png"), full_page=True)

    mentor_page.goto(dashboard)
    row = mentor_page.locator("tr", has_text="Bo Applicant")
    row.get_by_role("button", name=re.compile("Shortlist")).click()
    mentor_page.locator("tr", has_text="Bo Applicant").get_by_role(
        "button", name=re.compile("Shortlisted")
    ).wait_for()
    mentor_page.screenshot(path=str(artifacts_dir / "policy_mentor_shortlists.png"), full_page=True)
