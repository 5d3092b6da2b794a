"""Input longer than its column is refused by the service with the field named, on the page
(its form redrawn with the message, 400) and in the API (400) alike, and writes nothing; it
used to reach the database and answer 500."""

import pytest
from django_scopes import scope

from accounts.invitations.models import Invitation, OrganizationRequest
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 250 + "@example.org"
LONG_WEBSITE = "https://example.org/" + "a" * 200


def test_an_invitation_to_an_overlong_address_is_refused_on_the_page_and_in_the_api(org_a):
    page = client_for(org_a.admin).post(
        "/o/alpha/invitations/", {"email": LONG_EMAIL, "role": "mentor"}
    )
    assert page.status_code == 400 and "254 characters" in page.content.decode()
    api = api_client_for(org_a.admin).post(
        "/api/v1/orgs/alpha/invitations/", {"email": LONG_EMAIL, "role": "mentor"}, format="json"
    )
    assert api.status_code == 400 and "email" in api.json()
    with scope(organization=org_a.organization):
        assert not Invitation.objects.exists()


def test_an_overlong_website_is_refused_on_the_page_and_in_the_api(stranger):
    data = {"name": "New Org", "reason": "We mentor people.", "website": LONG_WEBSITE}
    page = client_for(stranger).post("/organizations/request/", data)
    assert page.status_code == 400 and "at most 200 characters" in page.content.decode()
    api = api_client_for(stranger).post("/api/v1/me/organization-requests/", data, format="json")
    assert api.status_code == 400 and "website" in api.json()
    assert not OrganizationRequest.objects.exists()
