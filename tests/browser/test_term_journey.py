"""The term in a browser: a mentor gives a midterm verdict from the mentorship page; a
mentee starts and submits a task, then, graduated, downloads the letter of completion and
checks it on its public verification page."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django_scopes import scope
from pypdf import PdfReader

from mentorship.assignments.services import task_create
from mentorship.evaluations.services.verdicts import evaluation_verdict
from tests.browser.conftest import sign_in
from tests.conftest import make_tenant
from tests.factories.accounts import UserFactory
from tests.factories.mentorship import confirmed_mentorship

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentor_gives_the_midterm_verdict(page, artifacts_dir):
    tenant = make_tenant("aurora")
    mentee = UserFactory(display_name="Mina Mentee")
    mentorship = confirmed_mentorship(tenant, mentee=mentee)
    with scope(organization=tenant.organization):
        midterm = mentorship.evaluations.get(kind="midterm")
    with time_machine.travel(midterm.due_at - timedelta(days=2), tick=True):
        sign_in(page, tenant.mentor.email)
        page.goto(f"/me/mentorships/{mentorship.public_id}/")
        page.get_by_role("link", name="Open it as a mentor (verdicts, tasks)").click()
        page.get_by_role("heading", name="Mentorship of Mina Mentee").wait_for()
        page.get_by_text("Today ·").wait_for()  # the timeline marks today
        page.get_by_role("link", name="Give the midterm evaluation verdict").click()
        page.get_by_role("heading", name="Midterm evaluation of Mina Mentee").wait_for()
        # A fail needs a reason: the form says so and nothing is recorded.
        page.get_by_role("radio", name="Fail").check()
        page.get_by_label("Progress on the project").select_option("2")
        page.get_by_label("Communication with the mentors").select_option("3")
        page.get_by_role("button", name="Record the verdict").click()
        page.get_by_text("Say why the mentee fails").wait_for()
        page.get_by_role("radio", name="Pass").check()
        page.get_by_label("Progress on the project").select_option("4")
        page.get_by_label("Communication with the mentors").select_option("5")
        page.get_by_label("Comment for the record").fill("Great progress on the driver.")
        page.get_by_role("button", name="Record the verdict").click()
        page.get_by_text("Verdict recorded: pass.").wait_for()
        page.get_by_role("cell", name=re.compile("^Pass · progress 4")).wait_for()
    with scope(organization=tenant.organization):
        midterm.refresh_from_db()
    assert midterm.state == "passed"


def test_a_mentee_moves_a_task_and_downloads_the_certificate(page, artifacts_dir):
    tenant = make_tenant("aurora")
    mentee = UserFactory(display_name="Mina Mentee", email="mina@example.test")
    mentorship = confirmed_mentorship(tenant, mentee=mentee)
    with scope(organization=tenant.organization):
        (task,) = task_create(
            actor=tenant.mentor,
            mentorship=mentorship,
            title="Send your first patch",
            due_at=mentorship.midterm_at,
        )
    sign_in(page, "mina@example.test")
    page.goto(f"/me/mentorships/{mentorship.public_id}/")
    page.get_by_text("Due next:").wait_for()
    page.get_by_role("link", name="Send your first patch").click()
    page.get_by_role("button", name="Start the task").click()
    page.get_by_text("The task is in progress.").wait_for()
    page.get_by_label("Link to your work").fill("not a link")
    page.get_by_role("button", name="Submit the task").click()
    page.get_by_text("Enter a valid URL").wait_for()
    page.get_by_label("Link to your work").fill("https://example.org/patch/1")
    page.get_by_role("button", name="Submit the task").click()
    page.get_by_text("The task is submitted; your mentors are told.").wait_for()
    page.get_by_text("Submitted", exact=True).first.wait_for()
    page.screenshot(path=str(artifacts_dir / "term_mentee_task_submitted.png"), full_page=True)

    # The mentors pass the midterm and the final: the mentee graduates.
    with scope(organization=tenant.organization):
        for kind in ("midterm", "final"):
            evaluation = mentorship.evaluations.get(kind=kind)
            evaluation_verdict(
                evaluation=evaluation,
                actor=tenant.mentor,
                verdict="pass",
                progress=5,
                communication=5,
                now=evaluation.due_at,
            )
    page.goto(f"/me/mentorships/{mentorship.public_id}/")
    page.get_by_text("Graduated").first.wait_for()
    page.screenshot(path=str(artifacts_dir / "term_mentee_graduated_home.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the letter of completion (PDF)").click()
    data = open(download_info.value.path(), "rb").read()
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    match = re.search(r"/verify/([A-Za-z0-9_-]+)/", text)
    assert match and "Mina Mentee Legal" in text
    page.goto(f"/verify/{match.group(1)}/")
    page.get_by_role("heading", name="Letter of completion").wait_for()
    page.get_by_text("Valid").wait_for()
    page.get_by_text("Mina Mentee Legal").wait_for()
