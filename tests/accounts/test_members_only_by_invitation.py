"""Issue 13, finding 7: a person joins an organization only by accepting an invitation (nobody
is added, let alone as admin, without consent), and inviting answers the same whether or not
an account uses the address."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts.organizations.models import Membership
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db


def test_the_members_api_adds_nobody_directly(org_a, stranger):
    url = reverse("api:members-list", kwargs={"org": org_a.organization.slug})
    response = api_client_for(org_a.admin).post(url, {"email": stranger.email, "role": "admin"})
    assert response.status_code == 405
    with scopes_disabled():
        assert not Membership.objects.filter(user=stranger).exists()


def test_the_members_page_adds_nobody_directly(org_a, stranger):
    url = reverse("accounts:org-members", kwargs={"org": org_a.organization.slug})
    client = client_for(org_a.admin)
    response = client.post(url, {"email": stranger.email, "role": "admin"})
    assert response.status_code == 405
    with scopes_disabled():
        assert not Membership.objects.filter(user=stranger).exists()
    assert "Add member" not in client.get(url).content.decode()


VARYING = {"id", "sent_at", "expires_at", "created_at"}


def _normalized(body: dict, email: str) -> dict:
    same = {key: value for key, value in body.items() if key not in VARYING}
    return same | {"email": body["email"].replace(email, "EMAIL")}


def test_inviting_answers_the_same_whether_or_not_an_account_exists(org_a, stranger):
    url = reverse("api:org-invitations-list", kwargs={"org": org_a.organization.slug})
    client = api_client_for(org_a.admin)
    existing = client.post(url, {"email": stranger.email, "role": "mentor"})
    missing = client.post(url, {"email": "nobody.here@example.test", "role": "mentor"})
    assert existing.status_code == missing.status_code == 201
    assert _normalized(existing.json(), stranger.email) == _normalized(
        missing.json(), "nobody.here@example.test"
    )
    with scopes_disabled():
        assert not Membership.objects.filter(user=stranger).exists()


def test_the_invite_page_answers_the_same_whether_or_not_an_account_exists(org_a, stranger):
    url = reverse("accounts:org-invitation-create", kwargs={"org": org_a.organization.slug})
    client = client_for(org_a.admin)
    pages = []
    for email in (stranger.email, "nobody.here@example.test"):
        response = client.post(url, {"email": email, "role": "mentor"}, follow=True)
        assert response.status_code == 200
        text = response.content.decode()
        pages.append(text[text.index("Invitation sent to") :].split("<", 1)[0].replace(email, "X"))
    assert pages[0] == pages[1]
