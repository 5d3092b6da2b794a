"""A graduate publishes their profile (employers only); an approved employer finds them in
the directory and sends an interest request; the graduate accepts it, and the employer then
sees their email address; the employer downloads the resume another graduate shows.
Screenshots of each step in test-artifacts/screens/graduates-*."""

import re

import pytest
from django.core.management import call_command

from accounts.people.demo import DEMO_PASSWORD
from mentorship.graduates.models import GraduateProfile
from tests.browser.conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_graduate_publishes_an_employer_writes_the_graduate_accepts(page, look):
    call_command("load_demo")
    # In this story the second graduate has not made a profile yet.
    GraduateProfile.objects.filter(user__email="alumna@example.org").delete()

    sign_in(page, "alumna@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Make your profile").first.click()
    page.locator("#id_headline").fill("Filesystem testing and CI")
    page.locator("#id_skills").fill("Python (advanced), xfstests")
    page.locator("#id_country").fill("BR")
    page.get_by_label("Open to work").check()
    page.get_by_label("Approved employers only").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Nobody sees it until you publish it").wait_for()
    page.get_by_role("button", name="Publish my profile").click()
    page.get_by_text("Your profile is published").wait_for()
    look("graduates-profile-published")
    sign_out(page)

    sign_in(page, "employer@example.org", DEMO_PASSWORD)
    page.goto("/employers/")
    page.get_by_label("Search").fill("xfstests")
    page.get_by_label("Open to work").check()
    page.get_by_role("button", name="Search").click()
    look("graduates-directory")
    page.get_by_role("link", name="Alina Alumna").click()
    page.get_by_role("heading", name="Completed mentorships (verified)").wait_for()
    page.get_by_label("Message").fill("We build storage systems; would you talk to us?")
    look("graduates-employer-profile")
    page.get_by_role("button", name="Send interest request").click()
    page.get_by_text("was told by email").wait_for()
    sign_out(page)

    sign_in(page, "alumna@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Answer").first.click()
    look("graduates-interests")
    page.get_by_role("button", name=re.compile("Accept")).click()
    page.get_by_text("now sees your email address").wait_for()
    sign_out(page)

    sign_in(page, "employer@example.org", DEMO_PASSWORD)
    page.goto("/employers/interests/")
    page.get_by_role("link", name="alumna@example.org").wait_for()
    look("graduates-employer-interests")
    # The demo's graduate@ shows their resume to approved employers: a download link.
    page.goto("/employers/?q=driver")
    page.get_by_role("link", name="Gus Graduate").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("resume")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    look("graduates-employer-resume")
    sign_out(page)

    # Anyone: the public graduates (the demo's graduate@ chose employers only) and statistics.
    page.goto("/graduates/")
    page.get_by_role("heading", name="Graduates", exact=True).wait_for()
    look("graduates-public")
    page.goto("/stats/")
    page.get_by_role("heading", name="Statistics").wait_for()
    look("graduates-stats")
