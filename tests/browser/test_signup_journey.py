import re

import pytest
from django.core import mail

from tests.browser.conftest import sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_signs_up_confirms_email_logs_in_and_sees_home(page):
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    page.locator("#id_email").fill("newcomer@example.test")
    page.locator("#id_password1").fill("a-long-passphrase-42")
    page.locator("#id_password2").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto("/accounts/" + link.split("/accounts/", 1)[1])
    page.get_by_role("button", name="Confirm").click()

    # Sign out and back in, as a returning visitor would.
    sign_out(page)
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("newcomer@example.test")
    page.locator("#id_password").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()
    assert "Signed in as newcomer@example.test" in page.content()
