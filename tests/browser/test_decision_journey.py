"""An admin accepts an applicant on the term's decisions page; the cycle's results
announcement passes and the decision email goes out; the mentee follows it, signs the
agreement with their legal name and lands in the mentorship; the admin sees it in the
organization."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.organizations.models import Role
from applications.decisions.models import Offer
from applications.decisions.tasks import announce_decisions
from tests.browser.conftest import sign_in, sign_out
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, days_from_today, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_accepts_the_mentee_confirms_and_both_see_the_mentorship(page):
    organization = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    admin = UserFactory(email="admin@aurora.test", display_name="Ada Admin")
    MembershipFactory(organization=organization, user=admin, role=Role.ADMIN)
    mentor = UserFactory(email="mentor@aurora.test", display_name="Max Mentor")
    MembershipFactory(organization=organization, user=mentor, role=Role.MENTOR)
    mentee = UserFactory(email="mina@example.test", display_name="Mina Mentee")
    cycle = CycleFactory(
        name="2031 Spring",
        applications_close_at=days_from_today(12),
        results_announced_at=days_from_today(14),
        confirmation_deadline=days_from_today(19),
    )
    program = ProgramFactory(organization=organization, name="Kernel Mentorship")
    term = make_term(program, cycle, capacity=2, primary_mentor=mentor)
    ApplicationFactory(term=term, applicant=mentee, cover_letter="I fix USB drivers.")

    # The admin accepts Mina from the term's decisions page.
    sign_in(page, "admin@aurora.test")
    page.goto(f"/o/aurora/terms/{term.pk}/decisions/")
    page.get_by_text("0 of 2 slots taken").wait_for()
    page.get_by_role("link", name="Mina Mentee").click()
    page.get_by_text("I fix USB drivers.").wait_for()
    page.get_by_role("button", name="Accept Mina Mentee").click()
    page.get_by_text("Mina Mentee is accepted").wait_for()
    page.goto(f"/o/aurora/terms/{term.pk}/decisions/")
    page.get_by_text("1 of 2 slots taken").wait_for()
    sign_out(page)

    # Before the announcement the mentee sees no offer.
    sign_in(page, "mina@example.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My mentorships").click()
    page.get_by_text("No mentorships yet").wait_for()
    assert "Offers waiting" not in page.content()
    sign_out(page)

    # The results announcement passes; the sweep emails the decision.
    with time_machine.travel(cycle.results_announced_at + timedelta(hours=1), tick=True):
        mail.outbox.clear()
        assert announce_decisions() == 1
        (email,) = mail.outbox
        assert email.to == ["mina@example.test"]
        link = re.search(r"http\S+/me/offers/\S+/", email.body).group(0)
        path = link.split("://", 1)[1].split("/", 1)[1]

        # The mentee follows the link, signs the agreement and lands in the mentorship.
        sign_in(page, "mina@example.test")
        page.goto(f"/{path}")
        page.get_by_role("heading", name="Your offer from Kernel Mentorship").wait_for()
        page.get_by_label("Your full legal name").fill("Mina Q. Mentee")
        page.get_by_label("I agree to the agreement above").check()
        page.get_by_role("button", name="Confirm and start the mentorship").click()
        page.get_by_text("Welcome to your mentorship").wait_for()
        page.get_by_text("Max Mentor (primary)").wait_for()
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="My mentorships"
        ).click()
        page.get_by_text("you are the mentee").wait_for()
        sign_out(page)

        # The admin sees the mentorship in the organization.
        sign_in(page, "admin@aurora.test")
        page.goto("/o/aurora/mentorships/")
        page.get_by_role("link", name="Mina Mentee").click()
        page.get_by_text("Active").first.wait_for()
        page.get_by_role("heading", name="Mentorship of Mina Mentee").wait_for()

    with scopes_disabled():
        offer = Offer.objects.get(application__applicant=mentee)
    assert offer.state == "confirmed" and offer.legal_name == "Mina Q. Mentee"
    assert offer.confirmed_ip == "127.0.0.1"
    assert offer.answered_at > cycle.results_announced_at > timezone.now() - timedelta(days=365)
