"""Issue 13, finding 1: "second factor required" means this session passed it. Every door a
privileged session or token goes through is tested here: Django's admin login, staff pages
and API, organization-admin pages and API, and API token creation."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens.models import ApiToken
from accounts.tokens.services import api_token_create
from tests.conftest import client_for, client_with_second_factor
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

STAFF_API = "/api/v1/staff/organizations/"


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_FOR_ADMINS = True


def activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def token_client(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def org_members_api(tenant) -> str:
    return reverse("api:members-list", kwargs={"org": tenant.organization.slug})


# --- Django's admin login is closed -----------------------------------------------------


def test_django_admin_login_form_gives_no_session_for_a_password(required, staff_user):
    activate_totp(staff_user)
    client = client_for(None)
    response = client.post(
        "/django-admin/login/?next=/django-admin/",
        {"username": staff_user.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/").status_code == 302
    assert client.get(STAFF_API).status_code in (401, 403)


def test_django_admin_login_sends_to_the_sites_sign_in(required):
    response = client_for(None).get("/django-admin/login/?next=/django-admin/accounts/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=%2Fdjango-admin%2Faccounts%2F"
    )


def test_wrong_passwords_at_the_sites_sign_in_are_limited(required, staff_user):
    client = client_for(None)
    for _ in range(6):
        response = client.post(
            reverse("account_login"), {"login": staff_user.email, "password": "wrong"}
        )
    assert "Too many failed login attempts" in response.content.decode()


# --- a session that skipped the second factor -------------------------------------------


def test_staff_with_an_authenticator_but_a_password_only_session_is_asked_for_a_code(
    required, staff_user
):
    activate_totp(staff_user)
    client = client_for(staff_user)
    for url in ("/staff/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    api = client.get(STAFF_API)
    assert api.status_code == 403
    assert "two-factor" in api.json()["detail"]


def test_org_admin_with_a_password_only_session_is_asked_for_a_code(required, org_a):
    activate_totp(org_a.admin)
    client = client_for(org_a.admin)
    page = client.get(reverse("accounts:org-members", kwargs={"org": org_a.organization.slug}))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("mfa_reauthenticate"))
    assert client.get(org_members_api(org_a)).status_code == 403


def test_a_session_that_passed_the_second_factor_opens_every_door(required, org_a, staff_user):
    activate_totp(org_a.admin)
    activate_totp(staff_user)
    admin = client_with_second_factor(org_a.admin)
    assert admin.get(org_members_api(org_a)).status_code == 200
    staff = client_with_second_factor(staff_user)
    assert staff.get("/staff/").status_code == 200
    assert staff.get(STAFF_API).status_code == 200


def test_django_admin_needs_the_second_factor_for_superusers_too(required, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    activate_totp(staff_user)
    assert client_for(staff_user).get("/django-admin/").status_code == 302
    assert client_with_second_factor(staff_user).get("/django-admin/").status_code == 200


# --- API tokens ---------------------------------------------------------------------------


def test_token_creation_is_refused_to_a_session_that_skipped_the_second_factor(
    required, staff_user
):
    activate_totp(staff_user)
    client = client_for(staff_user)
    response = client.post(reverse("api:my-tokens-list"), {"name": "laptop"})
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    page = client.post(reverse("accounts:tokens"), {"name": "laptop"})
    assert page.status_code == 200
    assert "needs a session that passed two-factor" in page.content.decode()
    assert not ApiToken.objects.filter(user=staff_user).exists()


def test_token_creation_is_refused_to_an_admin_without_an_authenticator(required, org_a):
    response = client_for(org_a.admin).post(reverse("api:my-tokens-list"), {"name": "ci"})
    assert response.status_code == 403
    assert not ApiToken.objects.filter(user=org_a.admin).exists()


def test_mentees_still_create_tokens_without_a_second_factor(required, stranger):
    response = client_for(stranger).post(reverse("api:my-tokens-list"), {"name": "ci"})
    assert response.status_code == 201


def test_a_token_made_without_the_second_factor_does_not_open_admin_endpoints(
    required, org_a, staff_user
):
    """A token minted before the person became admin (or before MFA was required) carries
    no second factor, so it reads their own things but not the admin or staff doors."""
    activate_totp(org_a.admin)
    _token, secret = api_token_create(user=org_a.admin, name="old")
    client = token_client(secret)
    assert client.get(reverse("api:my-tokens-list")).status_code == 200
    response = client.get(org_members_api(org_a))
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_the_real_sign_in_with_a_code_then_a_token_that_reads_staff_endpoints(required, staff_user):
    secret = activate_totp(staff_user)
    client = client_for(None)
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/staff/").status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert client.get("/django-admin/").status_code in (200, 302)
    created = client.post(reverse("api:my-tokens-list"), {"name": "laptop"})
    assert created.status_code == 201
    assert ApiToken.objects.get(user=staff_user).second_factor is True
    assert token_client(created.json()["token"]).get(STAFF_API).status_code == 200


def test_entering_a_code_when_asked_opens_the_page(required, staff_user):
    secret = activate_totp(staff_user)
    client = client_for(staff_user)
    asked = client.get("/staff/")
    response = client.post(asked["Location"], {"code": current_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
