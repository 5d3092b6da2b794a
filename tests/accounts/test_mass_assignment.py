"""Fields a role may not set (organization, role, is_staff, ids, owner) are ignored or
refused by every form and endpoint."""

import pytest
from django_scopes import scopes_disabled

from accounts.invitations.models import Invitation
from accounts.organizations.models import Membership, Organization
from accounts.people.models import User
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db


def test_me_api_ignores_is_staff_email_and_ids(stranger):
    response = api_client_for(stranger).patch(
        "/api/v1/me/",
        {
            "display_name": "New Name",
            "is_staff": True,
            "is_superuser": True,
            "email": "boss@x.test",
            "public_id": "00000000-0000-0000-0000-000000000000",
            "id": 1,
        },
        format="json",
    )
    assert response.status_code == 200
    stranger.refresh_from_db()
    assert stranger.display_name == "New Name"
    assert not stranger.is_staff and not stranger.is_superuser
    assert stranger.email == "stranger@example.test"
    assert str(stranger.public_id) != "00000000-0000-0000-0000-000000000000"


def test_me_page_ignores_is_staff(stranger):
    client_for(stranger).post(
        "/me/", {"display_name": "Page Name", "timezone": "UTC", "is_staff": "on"}
    )
    stranger.refresh_from_db()
    assert stranger.display_name == "Page Name" and not stranger.is_staff


def test_inviting_cannot_target_another_organization(org_a, org_b, stranger):
    # Members join by invitation only (issue 13): the invitation is the door to guard.
    response = api_client_for(org_a.admin).post(
        "/api/v1/orgs/alpha/invitations/",
        {"email": stranger.email, "role": "mentor", "organization": org_b.organization.pk},
        format="json",
    )
    assert response.status_code == 201
    with scopes_disabled():
        invitation = Invitation.objects.get(email=stranger.email)
    assert invitation.organization == org_a.organization


def test_changing_a_role_cannot_move_the_member_or_change_the_person(org_a, org_b):
    with scopes_disabled():
        mentor = Membership.objects.get(user=org_a.mentor)
    response = api_client_for(org_a.admin).patch(
        f"/api/v1/orgs/alpha/members/{mentor.pk}/",
        {
            "role": "coordinator",
            "user": org_b.admin.pk,
            "organization": org_b.organization.pk,
            "id": 999,
        },
        format="json",
    )
    assert response.status_code == 200
    with scopes_disabled():
        mentor.refresh_from_db()
    assert (mentor.role, mentor.user, mentor.organization) == (
        "coordinator",
        org_a.mentor,
        org_a.organization,
    )


def test_invalid_role_is_a_field_error(org_a):
    with scopes_disabled():
        mentor = Membership.objects.get(user=org_a.mentor)
    response = api_client_for(org_a.admin).patch(
        f"/api/v1/orgs/alpha/members/{mentor.pk}/", {"role": "owner"}, format="json"
    )
    assert response.status_code == 400
    assert "role" in response.json()


def test_staff_cannot_set_an_organizations_slug_or_id_on_update(staff_user, org_a):
    response = api_client_for(staff_user).patch(
        "/api/v1/staff/organizations/alpha/",
        {"name": "Alpha Renamed", "slug": "hijack", "id": 42},
        format="json",
    )
    assert response.status_code == 200
    organization = Organization.objects.get(pk=org_a.organization.pk)
    assert (organization.slug, organization.name) == ("alpha", "Alpha Renamed")


def test_signup_cannot_create_staff(client, db):
    client.post(
        "/accounts/signup/",
        {
            "email": "sneaky@x.test",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    user = User.objects.get(email="sneaky@x.test")
    assert not user.is_staff and not user.is_superuser
