"""Asking platform staff for a new organization; staff approve (the organization exists
with the requester as admin) or decline with a reason. Emails go both ways."""

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from accounts.invitations.models import OrganizationRequest, OrganizationRequestStatus
from accounts.invitations.services.organization_requests import organization_request_create
from accounts.organizations.models import Membership, Organization, Role
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

ASK = {
    "name": "Gamma Graphics",
    "website": "https://gamma.example.org",
    "reason": "We run a GPU stack.",
}


@pytest.fixture
def requester(db):
    return UserFactory(email="rita.requester@example.test")


def test_a_person_asks_and_staff_are_emailed(
    org_a, org_b, staff_user, requester, django_capture_on_commit_callbacks
):
    client = client_for(requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/organizations/request/", {**ASK, "website": "gamma.example.org"}, follow=True
        )
    assert "sent to platform staff" in response.content.decode()
    request = OrganizationRequest.objects.get()
    assert request.website == "https://gamma.example.org"
    assert mail.outbox[0].to == [staff_user.email]
    assert "Gamma Graphics" in mail.outbox[0].subject
    assert f"/staff/organization-requests/{request.public_id}/" in mail.outbox[0].body
    assert "Gamma Graphics" in client.get("/organizations/request/").content.decode()


def test_one_pending_request_per_person_and_names_must_be_free(org_a, org_b, requester):
    client = client_for(requester)
    client.post("/organizations/request/", ASK)
    response = client.post("/organizations/request/", {**ASK, "name": "Delta"})
    assert response.status_code == 400 and "You already asked for" in response.content.decode()
    response = client_for(UserFactory()).post("/organizations/request/", {**ASK, "name": "alpha"})
    assert response.status_code == 400
    assert "An organization named “alpha” already exists" in response.content.decode()
    response = client_for(UserFactory()).post("/organizations/request/", {"name": "X"})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert OrganizationRequest.objects.count() == 1


def test_staff_approve_and_the_requester_becomes_admin(
    org_a, org_b, staff_user, requester, django_capture_on_commit_callbacks
):
    request = organization_request_create(user=requester, **{**ASK, "website": ""})
    staff = client_for(staff_user)
    queue = staff.get("/staff/organization-requests/").content.decode()
    assert "Review Gamma Graphics" in queue
    url = f"/staff/organization-requests/{request.public_id}/"
    assert 'value="gamma-graphics"' in staff.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            url, {"action": "approve", "approve-slug": "gamma", "approve-name": "Gamma"}
        )
    assert response.status_code == 302
    organization = Organization.objects.get(slug="gamma")
    with scopes_disabled():
        assert Membership.objects.get(organization=organization).user == requester
        assert Membership.objects.get(organization=organization).role == Role.ADMIN
    request.refresh_from_db()
    assert request.status == OrganizationRequestStatus.APPROVED
    assert request.organization == organization
    assert mail.outbox[-1].to == [requester.email]
    assert "/o/gamma/members/" in mail.outbox[-1].body
    assert client_for(requester).get("/o/gamma/members/").status_code == 200


def test_approving_with_a_taken_address_writes_nothing(org_a, org_b, staff_user, requester):
    request = organization_request_create(user=requester, **ASK)
    response = client_for(staff_user).post(
        f"/staff/organization-requests/{request.public_id}/",
        {"action": "approve", "approve-slug": "alpha", "approve-name": "Gamma"},
    )
    assert response.status_code == 400
    assert "Organization with this Slug already exists." in response.content.decode()
    request.refresh_from_db()
    assert request.status == OrganizationRequestStatus.PENDING
    assert not Organization.objects.filter(name="Gamma").exists()


def test_staff_decline_with_a_reason_the_requester_reads(
    org_a, org_b, staff_user, requester, django_capture_on_commit_callbacks
):
    request = organization_request_create(user=requester, **ASK)
    url = f"/staff/organization-requests/{request.public_id}/"
    staff = client_for(staff_user)
    response = staff.post(url, {"action": "decline", "decline-reason": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            url, {"action": "decline", "decline-reason": "Please apply via your foundation."}
        )
    request.refresh_from_db()
    assert request.status == OrganizationRequestStatus.DECLINED
    assert "Please apply via your foundation." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [requester.email]
    response = staff.post(
        url, {"action": "approve", "approve-slug": "g", "approve-name": "G"}, follow=True
    )
    assert "This request was already declined." in response.content.decode()
    assert not Organization.objects.filter(slug="g").exists()


def test_only_staff_see_the_queue(org_a, org_b, requester):
    request = organization_request_create(user=requester, **ASK)
    for user in (requester, org_a.admin):
        client = client_for(user)
        assert client.get("/staff/organization-requests/").status_code == 404
        assert client.get(f"/staff/organization-requests/{request.public_id}/").status_code == 404
        api = api_client_for(user)
        assert api.get("/api/v1/staff/organization-requests/").status_code == 404
        approve = f"/api/v1/staff/organization-requests/{request.public_id}/approve/"
        assert api.post(approve, {"slug": "gamma"}).status_code == 404
    assert client_for(None).get("/staff/organization-requests/").status_code == 302
    assert api_client_for(None).get("/api/v1/staff/organization-requests/").status_code == 401


def test_api_request_approve_and_decline(org_a, org_b, staff_user, requester):
    mine = api_client_for(requester)
    created = mine.post(
        "/api/v1/me/organization-requests/", {**ASK, "website": "gamma"}, format="json"
    )
    assert created.status_code == 400 and "website" in created.json()
    created = mine.post("/api/v1/me/organization-requests/", ASK, format="json")
    assert created.status_code == 201 and created.json()["status"] == "pending"
    assert [r["name"] for r in mine.get("/api/v1/me/organization-requests/").json()] == [
        "Gamma Graphics"
    ]
    other = api_client_for(UserFactory())
    assert other.get("/api/v1/me/organization-requests/").json() == []

    staff = api_client_for(staff_user)
    listed = staff.get("/api/v1/staff/organization-requests/?status=pending").json()["results"]
    assert [r["requested_by"]["email"] for r in listed] == [requester.email]
    request_id = listed[0]["id"]
    bad = staff.post(f"/api/v1/staff/organization-requests/{request_id}/approve/", {"slug": "A B"})
    assert bad.status_code == 400 and "slug" in bad.json()
    approved = staff.post(
        f"/api/v1/staff/organization-requests/{request_id}/approve/", {"slug": "gamma"}
    )
    assert approved.status_code == 200
    assert approved.json()["organization"] == "gamma" and approved.json()["status"] == "approved"
    again = staff.post(
        f"/api/v1/staff/organization-requests/{request_id}/decline/", {"reason": "x"}
    )
    assert again.status_code == 400 and "already approved" in again.json()["non_field_errors"][0]

    second = organization_request_create(user=UserFactory(), name="Delta", reason="Because.")
    no_reason = staff.post(f"/api/v1/staff/organization-requests/{second.public_id}/decline/", {})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()


def test_every_step_is_audited(org_a, org_b, staff_user, requester):
    from accounts.invitations.services.organization_requests import (
        organization_request_approve,
        organization_request_decline,
    )
    from core.audit.models import AuditEvent

    first = organization_request_create(user=requester, **ASK)
    organization_request_decline(organization_request=first, actor=staff_user, reason="Not yet")
    second = organization_request_create(user=requester, **ASK)
    organization_request_approve(organization_request=second, actor=staff_user, slug="gamma")
    actions = [e.action for e in AuditEvent.objects.with_scopes_disabled().order_by("id")]
    assert actions == [
        "organization_request.created",
        "organization_request.declined",
        "organization_request.created",
        "organization.created",
        "membership.added",
        "organization_request.approved",
    ]


def test_an_approval_that_fails_leaves_the_request_pending_in_memory_too(
    org_a, staff_user, requester
):
    """The move is undone with the work that failed (the address is taken): in the
    database and on the caller's copy, which a page may go on to show."""
    from django.core.exceptions import ValidationError

    from accounts.invitations.services.organization_requests import organization_request_approve

    request = organization_request_create(
        user=requester, name="Newcomers", reason="We mentor.", website=""
    )
    with pytest.raises(ValidationError):
        organization_request_approve(
            organization_request=request, actor=staff_user, slug=org_a.organization.slug
        )
    assert request.status == OrganizationRequestStatus.PENDING
    assert request.decided_by is None
    request.refresh_from_db()
    assert request.status == OrganizationRequestStatus.PENDING
