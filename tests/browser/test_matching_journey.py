"""Matching, end to end: staff run the matching of a matched cycle from /staff/ and
watch it finish; each organization's admin previews their own term's placements (and why
an applicant they ranked higher went elsewhere); staff publish; once the cycle's results
are announced the placed mentee sees the offer, and the unplaced one reads why."""

import re
from datetime import timedelta

import pytest
import time_machine

from accounts.organizations.models import Role
from tests.browser.conftest import sign_in, sign_out
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import term_in
from tests.factories.matching import matched_cycle, score
from tests.factories.programs import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _org(slug, name, admin_email, admin_name):
    organization = OrganizationFactory(slug=slug, name=name)
    admin = UserFactory(email=admin_email, display_name=admin_name)
    MembershipFactory(organization=organization, user=admin, role=Role.ADMIN)
    return organization, admin


def test_staff_run_admins_preview_staff_publish_mentee_sees_the_offer(page, artifacts_dir):
    aurora, ada = _org("aurora", "Aurora Kernel Community", "ada@aurora.test", "Ada Admin")
    borealis, bea = _org("borealis", "Borealis Cloud", "bea@borealis.test", "Bea Admin")
    UserFactory(email="staff@platform.test", display_name="Sam Staff", is_staff=True)
    cycle = matched_cycle(name="2031 Matched")
    kernel = term_in(ProgramFactory(organization=aurora, name="Kernel Mentorship"), cycle, 1)
    mesh = term_in(ProgramFactory(organization=borealis, name="Service Mesh"), cycle, 1)
    lena = UserFactory(email="lena@example.test", display_name="Lena Lindqvist")
    tariq = UserFactory(email="tariq@example.test", display_name="Tariq Haddad")
    score(ApplicationFactory(term=mesh, applicant=lena, mentee_rank=1), bea, 5)
    score(ApplicationFactory(term=kernel, applicant=lena, mentee_rank=2), ada, 5)
    tariq_kernel = ApplicationFactory(term=kernel, applicant=tariq, mentee_rank=1)
    score(tariq_kernel, ada, 3)
    third = UserFactory(email="uma@example.test", display_name="Uma Unplaced")
    uma_kernel = ApplicationFactory(term=kernel, applicant=third, mentee_rank=1)
    score(uma_kernel, ada, 2)

    # Staff start the run from /staff/ and watch it finish.
    sign_in(page, "staff@platform.test")
    page.goto("/staff/")
    page.get_by_role("link", name="Matching").click()
    page.get_by_role("heading", name="2031 Matched").wait_for()
    page.get_by_role("button", name="Run the matching").click()
    page.get_by_text("Status: Succeeded").wait_for()
    page.get_by_text("2 of 3 mentees placed").wait_for()
    page.screenshot(path=str(artifacts_dir / "matching_1_staff_run.png"), full_page=True)
    run_url = page.url
    sign_out(page)

    # Aurora's admin previews: Tariq placed, Lena (ranked higher) went to her 1st choice.
    sign_in(page, "ada@aurora.test")
    page.goto("/o/aurora/matching/")
    page.get_by_role("link", name=re.compile("2031 Matched, run")).click()
    page.get_by_role("heading", name=re.compile("Kernel Mentorship")).wait_for()
    page.get_by_role("cell", name="Tariq Haddad").wait_for()
    page.get_by_text(
        "Lena Lindqvist ranked this term as their 2nd choice and was placed in their 1st "
        "choice (another organization's term)"
    ).wait_for()
    content = page.content()
    assert "Service Mesh" not in content and "Borealis" not in content
    page.screenshot(path=str(artifacts_dir / "matching_2_admin_preview.png"), full_page=True)
    sign_out(page)

    # Borealis's admin sees only Lena.
    sign_in(page, "bea@borealis.test")
    page.goto("/o/borealis/matching/")
    page.get_by_role("link", name=re.compile("2031 Matched, run")).click()
    page.get_by_role("cell", name="Lena Lindqvist").wait_for()
    assert "Tariq" not in page.content() and "Kernel" not in page.content()
    sign_out(page)

    # Before publication, Tariq sees no offer.
    sign_in(page, "tariq@example.test")
    page.goto("/me/mentorships/")
    assert "Offers waiting" not in page.content()
    sign_out(page)

    # Staff publish.
    sign_in(page, "staff@platform.test")
    page.goto(run_url)
    page.get_by_role("button", name="Publish this run").click()
    page.get_by_text("Published: 2 acceptance(s)").wait_for()
    page.screenshot(path=str(artifacts_dir / "matching_3_published.png"), full_page=True)
    sign_out(page)

    # At the announcement Tariq sees the offer; Uma reads why she was not placed.
    with time_machine.travel(cycle.results_announced_at + timedelta(hours=1), tick=True):
        sign_in(page, "tariq@example.test")
        page.goto("/me/mentorships/")
        page.get_by_text("Offers waiting").wait_for()
        page.get_by_role("link", name=re.compile("Kernel Mentorship")).first.click()
        page.get_by_role("heading", name="Your offer from Kernel Mentorship").wait_for()
        page.screenshot(path=str(artifacts_dir / "matching_4_mentee_offer.png"), full_page=True)
        sign_out(page)
        sign_in(page, "uma@example.test")
        page.goto(f"/me/applications/{uma_kernel.public_id}/")
        page.get_by_text("Why this application was not placed").wait_for()
        page.get_by_text("filled its 1 slot with an applicant its mentors ranked higher").wait_for()
