"""Asking to join an organization as a mentor, and the admins' answer. Each step emails
the other side."""

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from accounts.invitations.models import JoinRequest, JoinRequestStatus
from accounts.invitations.services.join_requests import join_request_approve, join_request_create
from accounts.organizations.models import Membership, Role
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def joiner(db):
    return UserFactory(email="jo.joiner@example.test", display_name="Jo Joiner")


def role_of(user, organization):
    with scopes_disabled():
        membership = Membership.objects.filter(user=user, organization=organization).first()
    return membership.role if membership else None


def test_organizations_page_offers_to_ask_to_join(org_a, org_b, joiner):
    page = client_for(None).get("/organizations/").content.decode()
    assert "Alpha" in page and "Beta" in page
    page = client_for(joiner).get("/organizations/").content.decode()
    assert 'href="/join/alpha/"' in page
    page = client_for(org_a.mentor).get("/organizations/").content.decode()
    assert "Open (you are a member)" in page and 'href="/join/beta/"' in page
    assert client_for(None).get("/join/alpha/").status_code == 302
    assert client_for(joiner).get("/join/no-such-org/").status_code == 404


def test_a_person_asks_to_join_and_the_admins_are_emailed(
    org_a, org_b, joiner, django_capture_on_commit_callbacks
):
    client = client_for(joiner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/join/alpha/", {"message": "I maintain the scheduler."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@alpha.test"]
    assert "Jo Joiner asks to join Alpha" in mail.outbox[0].subject
    assert "I maintain the scheduler." in mail.outbox[0].body
    assert "/o/alpha/members/" in mail.outbox[0].alternatives[0][0]
    assert "Request to join pending" in client.get("/organizations/").content.decode()
    members_page = client_for(org_a.admin).get("/o/alpha/members/").content.decode()
    assert "jo.joiner@example.test" in members_page and "I maintain the scheduler." in members_page


def test_one_pending_request_per_person_and_organization(org_a, org_b, joiner):
    client = client_for(joiner)
    client.post("/join/alpha/", {"message": ""})
    response = client.post("/join/alpha/", {"message": "again"})
    assert response.status_code == 400
    assert "You already asked to join Alpha" in response.content.decode()
    assert client.post("/join/beta/", {}).status_code == 302  # another organization is fine
    with scopes_disabled():
        assert JoinRequest.objects.filter(user=joiner).count() == 2


def test_a_member_cannot_ask(org_a, org_b):
    response = client_for(org_a.mentor).post("/join/alpha/", {"message": "hi"})
    assert response.status_code == 400
    assert "You are already a member of Alpha." in response.content.decode()
    api = api_client_for(org_a.mentor)
    answer = api.post("/api/v1/me/join-requests/", {"organization": "alpha"}, format="json")
    assert "already a member of Alpha (as mentor)" in answer.json()["non_field_errors"][0]


def test_too_long_a_message_is_refused(org_a, org_b, joiner):
    response = client_for(joiner).post("/join/alpha/", {"message": "x" * 1001})
    assert response.status_code == 400
    with scopes_disabled():
        assert not JoinRequest.objects.exists()


def test_admin_approves_and_the_person_becomes_a_mentor_and_is_emailed(
    org_a, org_b, joiner, django_capture_on_commit_callbacks
):
    join_request = join_request_create(organization=org_a.organization, user=joiner, message="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org_a.admin).post(
            f"/o/alpha/join-requests/{join_request.public_id}/approve/", follow=True
        )
    assert "jo.joiner@example.test is now a mentor." in response.content.decode()
    assert role_of(joiner, org_a.organization) == Role.MENTOR
    assert mail.outbox[-1].to == [joiner.email]
    assert "You are now a mentor in Alpha" in mail.outbox[-1].subject
    with pytest.raises(Exception, match="already approved"):
        join_request_approve(join_request=join_request, actor=org_a.admin)


def test_admin_declines_with_a_reason_and_the_person_reads_it(
    org_a, org_b, joiner, django_capture_on_commit_callbacks
):
    join_request = join_request_create(organization=org_a.organization, user=joiner, message="")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(org_a.admin).post(
            f"/o/alpha/join-requests/{join_request.public_id}/decline/",
            {"reason": "We are full this term."},
        )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert role_of(joiner, org_a.organization) is None
    assert mail.outbox[-1].to == [joiner.email]
    assert "We are full this term." in mail.outbox[-1].body
    page = client_for(joiner).get("/organizations/").content.decode()
    assert "declined" in page and "We are full this term." in page
    # Declined, they may ask again.
    assert client_for(joiner).post("/join/alpha/", {}).status_code == 302


def test_approving_someone_who_became_a_member_meanwhile_changes_nothing(org_a, org_b, joiner):
    join_request = join_request_create(organization=org_a.organization, user=joiner, message="")
    with scopes_disabled():
        Membership.objects.create(organization=org_a.organization, user=joiner, role=Role.ADMIN)
    response = client_for(org_a.admin).post(
        f"/o/alpha/join-requests/{join_request.public_id}/approve/", follow=True
    )
    assert "already a member of Alpha (as admin)" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING
    assert role_of(joiner, org_a.organization) == Role.ADMIN


def test_api_ask_list_approve_and_decline(org_a, org_b, joiner):
    mine = api_client_for(joiner)
    created = mine.post(
        "/api/v1/me/join-requests/", {"organization": "alpha", "message": "Hi"}, format="json"
    )
    assert created.status_code == 201 and created.json()["status"] == "pending"
    again = mine.post("/api/v1/me/join-requests/", {"organization": "alpha"}, format="json")
    assert again.status_code == 400 and "already asked" in again.json()["non_field_errors"][0]
    assert mine.post("/api/v1/me/join-requests/", {"organization": "nope"}).status_code == 404
    beta = mine.post("/api/v1/me/join-requests/", {"organization": "beta"}, format="json").json()
    assert [r["organization"]["slug"] for r in mine.get("/api/v1/me/join-requests/").json()] == [
        "beta",
        "alpha",
    ]

    admin = api_client_for(org_a.admin)
    listed = admin.get("/api/v1/orgs/alpha/join-requests/?status=pending").json()["results"]
    assert [r["user"]["email"] for r in listed] == [joiner.email]
    approved = admin.post(f"/api/v1/orgs/alpha/join-requests/{listed[0]['id']}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert role_of(joiner, org_a.organization) == Role.MENTOR
    # Alpha's admin cannot answer Beta's request: it is not there.
    assert admin.post(f"/api/v1/orgs/alpha/join-requests/{beta['id']}/decline/").status_code == 404
    declined = api_client_for(org_b.admin).post(
        f"/api/v1/orgs/beta/join-requests/{beta['id']}/decline/", {"reason": "No"}, format="json"
    )
    assert declined.json()["status"] == "declined" and declined.json()["decline_reason"] == "No"


def test_every_step_is_audited(org_a, org_b, joiner):
    from accounts.invitations.services.join_requests import join_request_decline
    from core.audit.models import AuditEvent

    first = join_request_create(organization=org_a.organization, user=joiner, message="")
    join_request_decline(join_request=first, actor=org_a.admin, reason="Full")
    second = join_request_create(organization=org_a.organization, user=joiner, message="")
    join_request_approve(join_request=second, actor=org_a.admin)
    actions = AuditEvent.objects.with_scopes_disabled().order_by("id")
    assert [e.action for e in actions] == [
        "join_request.created",
        "join_request.declined",
        "join_request.created",
        "membership.added",
        "join_request.approved",
    ]
    assert actions[1].reason == "Full"
