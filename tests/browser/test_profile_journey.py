import re

import pytest
from django.core import mail

from tests.factories.profiles import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_completes_the_profile_with_a_resume(page, tmp_path):
    page.goto("/accounts/signup/")
    page.locator("#id_email").fill("applicant@example.test")
    page.locator("#id_password1").fill("a-long-passphrase-42")
    page.locator("#id_password2").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto("/accounts/" + link.split("/accounts/", 1)[1])
    page.get_by_role("button", name="Confirm").click()

    page.goto("/me/")
    page.locator("main").get_by_role("link", name="My profile").click()
    assert "Your profile is incomplete" in page.locator("#profile-status").inner_text()

    page.get_by_label("Display name").fill("Ana Applicant")
    page.get_by_label("Legal name").fill("Ana Maria Applicant")
    page.get_by_label("Pronouns").fill("she/her")
    page.get_by_label("Country of residence").select_option("PT")
    page.get_by_label("Date of birth").fill("2000-05-17")
    page.get_by_label("I am 18 or older").check()
    page.get_by_label("GitHub profile").fill("https://github.com/ana")
    page.get_by_label("Bio").fill("I write Python and want to learn Rust.")
    page.get_by_label("Skills you want to grow").fill("Rust, Kubernetes")
    page.locator("#id_skills-0-name").fill("Python")
    page.locator("#id_skills-0-level").select_option("advanced")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Your profile is saved.").wait_for()
    assert (
        "Still missing for applying: resume (PDF)." in page.locator("#profile-status").inner_text()
    )

    # A file that is not a PDF is refused with a message next to the field.
    fake = tmp_path / "resume.pdf"
    fake.write_bytes(b"PK\x03\x04 definitely a zip")
    page.get_by_label("Resume (PDF)").set_input_files(str(fake))
    page.get_by_role("button", name="Upload resume").click()
    assert "This file is not a PDF" in page.locator("#id_resume_error").inner_text()

    resume = tmp_path / "Ana resume.pdf"
    resume.write_bytes(pdf_bytes("Ana Maria Applicant"))
    page.get_by_label("Resume (PDF)").set_input_files(str(resume))
    page.get_by_role("button", name="Upload resume").click()
    page.get_by_text("Your resume is uploaded.").wait_for()
    assert "Your profile is complete" in page.locator("#profile-status").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Ana resume.pdf").click()
    assert download.value.suggested_filename == "Ana resume.pdf"
