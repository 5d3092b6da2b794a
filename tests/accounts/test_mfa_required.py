"""MFA_REQUIRED_FOR_ADMINS: organization admins and platform staff must set up two-factor
authentication before using /o/<org>/ (where they are admin), /staff/ and their APIs."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.conftest import (
    api_client_for,
    api_client_with_second_factor,
    client_for,
    client_with_second_factor,
)

pytestmark = pytest.mark.django_db


def with_totp(user):
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_FOR_ADMINS = True


def org_url(tenant, name="programs:org-home"):
    return reverse(name, kwargs={"org": tenant.organization.slug})


def test_admin_without_mfa_is_sent_to_the_setup_page(required, org_a):
    response = client_for(org_a.admin).get(org_url(org_a), follow=True)
    assert response.redirect_chain[0][0] == reverse("mfa_activate_totp")
    assert "must use two-factor authentication" in response.content.decode()


def test_admin_with_mfa_gets_in(required, org_a):
    with_totp(org_a.admin)
    response = client_with_second_factor(org_a.admin).get(org_url(org_a, "accounts:org-members"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "mentor"])
def test_other_roles_are_not_asked_for_mfa(required, org_a, role):
    assert client_for(getattr(org_a, role)).get(org_url(org_a)).status_code == 200


def test_outsiders_still_get_404_not_a_hint(required, org_a, org_b):
    assert client_for(org_b.admin).get(org_url(org_a)).status_code == 404


def test_admin_api_without_mfa_answers_403_with_a_message(required, org_a):
    response = api_client_for(org_a.admin).get(
        reverse("api:members-list", kwargs={"org": org_a.organization.slug})
    )
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    with_totp(org_a.admin)
    response = api_client_with_second_factor(org_a.admin).get(
        reverse("api:members-list", kwargs={"org": org_a.organization.slug})
    )
    assert response.status_code == 200


def test_staff_pages_and_api_need_mfa(required, staff_user):
    response = client_for(staff_user).get(reverse("accounts:staff-home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    api = api_client_for(staff_user).get(reverse("api:staff-organizations-list"))
    assert api.status_code == 403
    with_totp(staff_user)
    page = client_with_second_factor(staff_user).get(reverse("accounts:staff-home"))
    assert page.status_code == 200
    api = api_client_with_second_factor(staff_user).get(reverse("api:staff-organizations-list"))
    assert api.status_code == 200


def test_personal_pages_stay_open_so_admins_can_set_it_up(required, org_a):
    client = client_for(org_a.admin)
    assert client.get(reverse("accounts:me")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_without_the_setting_nobody_is_asked(settings, org_a, staff_user):
    settings.MFA_REQUIRED_FOR_ADMINS = False
    assert not Authenticator.objects.exists()
    assert client_for(org_a.admin).get(org_url(org_a)).status_code == 200
    assert client_for(staff_user).get(reverse("accounts:staff-home")).status_code == 200
