"""The join requests and organization requests API lists filter by status through their
FilterSets: a valid status gives those requests, an invalid one a 400 naming the field, and
a detail action finds its request whatever the query string."""

import pytest

from accounts.invitations.services.join_requests import join_request_create, join_request_decline
from accounts.invitations.services.organization_requests import (
    organization_request_create,
    organization_request_decline,
)
from tests.conftest import api_client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _statuses(client, url: str, query: dict) -> list[str]:
    answer = client.get(url, query)
    assert answer.status_code == 200, answer.content
    return sorted(r["status"] for r in answer.json()["results"])


def test_join_requests_by_status(org_a):
    pending = join_request_create(organization=org_a.organization, user=UserFactory())
    declined = join_request_create(organization=org_a.organization, user=UserFactory())
    join_request_decline(join_request=declined, actor=org_a.admin, reason="")
    admin, url = api_client_for(org_a.admin), "/api/v1/orgs/alpha/join-requests/"
    assert _statuses(admin, url, {}) == ["declined", "pending"]
    assert _statuses(admin, url, {"status": "pending"}) == ["pending"]
    assert _statuses(admin, url, {"status": "declined"}) == ["declined"]
    assert _statuses(admin, url, {"status": ""}) == ["declined", "pending"]
    bad = admin.get(url, {"status": "bogus"})
    assert bad.status_code == 400 and "status" in bad.json()
    approved = admin.post(f"{url}{pending.public_id}/approve/?status=declined")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_organization_requests_by_status(staff_user):
    ask = {"reason": "We mentor.", "website": "https://x.example.org"}
    pending = organization_request_create(user=UserFactory(), name="Gamma", **ask)
    declined = organization_request_create(user=UserFactory(), name="Delta", **ask)
    organization_request_decline(organization_request=declined, actor=staff_user, reason="No")
    staff, url = api_client_for(staff_user), "/api/v1/staff/organization-requests/"
    assert _statuses(staff, url, {}) == ["declined", "pending"]
    assert _statuses(staff, url, {"status": "pending"}) == ["pending"]
    assert _statuses(staff, url, {"status": "declined"}) == ["declined"]
    bad = staff.get(url, {"status": "bogus"})
    assert bad.status_code == 400 and "status" in bad.json()
    found = staff.get(f"{url}{pending.public_id}/?status=declined")
    assert found.status_code == 200 and found.json()["status"] == "pending"
