import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from accounts.organizations.models import Membership, Role
from tests.browser.conftest import sign_out
from tests.conftest import make_tenant
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVITEE = "new.mentor@example.test"


def path_of(pattern, body):
    return "/" + re.search(pattern, body).group(0).split("/", 3)[3]


def test_admin_invites_a_mentor_who_signs_up_from_the_email_and_lands_in_the_organization(page):
    alpha, _beta = make_tenant("alpha"), make_tenant("beta")

    # The admin invites a mentor by email from the members page.
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(alpha.admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/o/alpha/members/")
    page.locator("#invite_email").fill(INVITEE)
    page.locator("#invite_role").select_option("mentor")
    page.get_by_role("button", name="Send invitation", exact=True).click()
    page.get_by_text(f"Invitation sent to {INVITEE} as mentor").wait_for()
    assert page.get_by_role("button", name=f"Revoke invitation to {INVITEE}").is_visible()
    sign_out(page)

    # The invitee follows the link in the email and is told to sign up with that address.
    invitation_email = mail.outbox[-1]
    assert invitation_email.to == [INVITEE]
    link = path_of(r"https?://\S+/invitations/[\w-]+/", invitation_email.body)
    page.goto(link)
    page.get_by_text("n…@example.test").first.wait_for()
    page.get_by_role("link", name="Sign up with that address").click()
    page.locator("#id_email").fill(INVITEE)
    page.locator("#id_password1").fill("a-long-passphrase-42")
    page.locator("#id_password2").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()

    # Verifying the address brings them back to the invitation, which they accept.
    confirmation = path_of(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    page.goto(confirmation)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Invitation to Alpha").wait_for()
    assert page.url.endswith(link)
    page.get_by_role("button", name="Accept and join Alpha").click()
    page.get_by_role("heading", name="Alpha").wait_for()
    assert page.url.endswith("/o/alpha/")
    assert "Welcome to Alpha: you are now a mentor." in page.content()
    with scopes_disabled():
        assert Membership.objects.get(user__email=INVITEE).role == Role.MENTOR
