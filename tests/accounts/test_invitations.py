"""Invitations: an admin invites an address to a role; only the verified owner of that
address can accept (becoming a member) or decline; admins resend and revoke; links die
after 14 days."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.invitations.models import Invitation, InvitationStatus, JoinRequest
from accounts.invitations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_resend,
    invitation_revoke,
)
from accounts.organizations.models import Membership, Role
from core.audit.models import AuditEvent
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

INVITEE = "ines.invitee@example.test"


def invite(tenant, email=INVITEE, role=Role.MENTOR):
    return invitation_create(
        organization=tenant.organization, actor=tenant.admin, email=email, role=role
    )


def membership_of(user, organization):
    with scopes_disabled():
        return Membership.objects.filter(user=user, organization=organization).first()


def state_of(invitation):
    invitation.refresh_from_db()
    return invitation.state


def link_path(message) -> str:
    return re.search(r"/invitations/[\w-]+/", message.body).group(0)


def test_admin_invites_by_email_and_the_address_gets_a_text_and_html_link(
    org_a, org_b, django_capture_on_commit_callbacks
):
    client = client_for(org_a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/o/alpha/invitations/", {"email": " Ines.Invitee@Example.test ", "role": "mentor"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [INVITEE]
    assert "Alpha" in message.subject and "mentor" in message.subject
    html = message.alternatives[0][0]
    path = link_path(message)
    assert path in html
    with scopes_disabled():
        invitation = Invitation.objects.get(email=INVITEE)
    token = path.split("/")[2]
    # The link is a long random token, stored only hashed, naming no sequential id.
    assert len(token) >= 40 and token not in invitation.token_hash
    assert str(invitation.pk) not in path.split("/")
    assert invitation.expires_at - timezone.now() > timedelta(days=13)
    page = client.get("/o/alpha/members/").content.decode()
    assert INVITEE in page and "Resend" in page and "Revoke" in page


def test_the_invited_account_accepts_and_lands_on_the_organization(org_a, org_b):
    _invitation, token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    client = client_for(invitee)
    assert "Accept and join Alpha" in client.get(f"/invitations/{token}/").content.decode()
    response = client.post(f"/invitations/{token}/accept/")
    assert response.status_code == 302 and response["Location"] == "/o/alpha/"
    assert membership_of(invitee, org_a.organization).role == Role.MENTOR
    assert "you are now a mentor" in client.get("/o/alpha/").content.decode()
    assert AuditEvent.objects.with_scopes_disabled().filter(action="invitation.accepted").exists()


def test_a_different_account_is_told_whom_the_invitation_is_for_and_gets_no_access(org_a, org_b):
    invitation, token = invite(org_a)
    other = UserFactory(email="someone.else@example.test")
    client = client_for(other)
    page = client.get(f"/invitations/{token}/").content.decode()
    assert "This invitation was sent to i…@example.test; you are signed in as " in page
    assert "someone.else@example.test" in page and "Sign out" in page
    assert INVITEE not in page
    response = client.post(f"/invitations/{token}/accept/", follow=True)
    assert "sign in or sign up with that address" in response.content.decode()
    assert membership_of(other, org_a.organization) is None
    assert state_of(invitation) == InvitationStatus.PENDING


def test_an_unverified_address_cannot_accept(org_a, org_b):
    invitation, token = invite(org_a)
    invitee = UserFactory(email=INVITEE, verified=False)
    EmailAddress.objects.create(user=invitee, email=INVITEE, verified=False, primary=True)
    client = client_for(invitee)
    assert "not verified yet" in client.get(f"/invitations/{token}/").content.decode()
    with pytest.raises(Exception, match="not verified yet"):
        invitation_accept(invitation=invitation, user=invitee)
    client.post(f"/invitations/{token}/accept/")
    assert membership_of(invitee, org_a.organization) is None


def test_a_verified_secondary_address_of_the_account_may_accept(org_a, org_b):
    invitation, _token = invite(org_a)
    person = UserFactory(email="ines.work@example.test")
    EmailAddress.objects.create(user=person, email=INVITEE, verified=True, primary=False)
    membership = invitation_accept(invitation=invitation, user=person)
    assert membership.user == person


def test_an_expired_invitation_cannot_be_accepted_and_says_so(org_a, org_b):
    invitation, token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        page = client_for(invitee).get(f"/invitations/{token}/").content.decode()
        assert "This invitation expired on" in page and "send it again" in page
        with pytest.raises(Exception, match="expired"):
            invitation_accept(invitation=invitation, user=invitee)
        members_page = client_for(org_a.admin).get("/o/alpha/members/").content.decode()
        assert "Expired" in members_page
    assert membership_of(invitee, org_a.organization) is None


def test_resending_emails_a_new_link_extends_expiry_and_kills_the_old_link(
    org_a, org_b, django_capture_on_commit_callbacks
):
    invitation, old_token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(org_a.admin).post(
                f"/o/alpha/invitations/{invitation.public_id}/resend/", follow=True
            )
        assert "Invitation sent again" in response.content.decode()
        invitation.refresh_from_db()
        assert invitation.send_count == 2 and invitation.state == InvitationStatus.PENDING
        assert invitation.expires_at > timezone.now() + timedelta(days=13)
        new_path = link_path(mail.outbox[-1])
        assert client_for(invitee).get(f"/invitations/{old_token}/").status_code == 404
        response = client_for(invitee).post(new_path + "accept/")
        assert response["Location"] == "/o/alpha/"


def test_a_revoked_invitation_cannot_be_accepted(org_a, org_b):
    invitation, token = invite(org_a)
    response = client_for(org_a.admin).post(
        f"/o/alpha/invitations/{invitation.public_id}/revoke/", follow=True
    )
    assert "revoked" in response.content.decode()
    invitee = UserFactory(email=INVITEE)
    page = client_for(invitee).get(f"/invitations/{token}/").content.decode()
    assert "withdrawn by the organization" in page
    with pytest.raises(Exception, match="withdrawn"):
        invitation_accept(invitation=invitation, user=invitee)
    with pytest.raises(Exception, match="Only a pending invitation can be resent"):
        invitation_resend(invitation=invitation, actor=org_a.admin)
    assert membership_of(invitee, org_a.organization) is None


def test_a_declined_invitation_cannot_be_accepted_afterwards(org_a, org_b):
    invitation, token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    client = client_for(invitee)
    response = client.post(f"/invitations/{token}/decline/", follow=True)
    assert "You declined the invitation to Alpha" in response.content.decode()
    assert state_of(invitation) == InvitationStatus.DECLINED
    with pytest.raises(Exception, match="declined"):
        invitation_accept(invitation=invitation, user=invitee)
    with pytest.raises(Exception, match="Only a pending invitation can be revoked"):
        invitation_revoke(invitation=invitation, actor=org_a.admin)
    assert membership_of(invitee, org_a.organization) is None


def test_accepting_twice_gives_one_membership(org_a, org_b):
    invitation, _token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    first = invitation_accept(invitation=invitation, user=invitee)
    second = invitation_accept(invitation=invitation, user=invitee)
    assert first.pk == second.pk
    with scopes_disabled():
        assert Membership.objects.filter(user=invitee).count() == 1


def test_inviting_a_member_or_an_address_already_invited_is_refused_clearly(org_a, org_b):
    client = client_for(org_a.admin)
    response = client.post("/o/alpha/invitations/", {"email": "mentor@alpha.test", "role": "admin"})
    assert response.status_code == 400
    assert (
        "mentor@alpha.test is already a member of Alpha (as mentor)." in response.content.decode()
    )
    invite(org_a)
    response = client.post("/o/alpha/invitations/", {"email": INVITEE, "role": "coordinator"})
    assert response.status_code == 400
    assert "already has a pending invitation" in response.content.decode()
    assert "Resend it instead" in response.content.decode()
    # The other organization may invite the same address.
    invite(org_b)
    api = api_client_for(org_a.admin)
    answer = api.post(
        "/api/v1/orgs/alpha/invitations/", {"email": INVITEE, "role": "mentor"}, format="json"
    )
    assert answer.status_code == 400 and "pending invitation" in answer.json()["email"][0]
    answer = api.post(
        "/api/v1/orgs/alpha/invitations/", {"email": "x@y.test", "role": "owner"}, format="json"
    )
    assert answer.status_code == 400 and "role" in answer.json()
    with scopes_disabled():
        assert Invitation.objects.filter(organization=org_a.organization).count() == 1


def test_after_expiry_the_address_can_be_invited_again(org_a, org_b):
    first, _token = invite(org_a)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        second, _token = invite(org_a, role=Role.COORDINATOR)
    assert state_of(first) == InvitationStatus.EXPIRED
    assert state_of(second) == InvitationStatus.PENDING


def test_anonymous_visitor_is_sent_to_sign_up_and_back(org_a, org_b):
    _invitation, token = invite(org_a)
    page = client_for(None).get(f"/invitations/{token}/").content.decode()
    assert "i…@example.test" in page and INVITEE not in page
    assert f"/accounts/signup/?next=/invitations/{token}/" in page
    assert client_for(None).post(f"/invitations/{token}/accept/").status_code == 302


def test_an_unknown_link_is_a_404(db):
    assert client_for(None).get("/invitations/not-a-real-token/").status_code == 404


def test_api_admins_create_list_resend_and_revoke(org_a, org_b, django_capture_on_commit_callbacks):
    invite(org_b, email="beta.person@example.test")
    api = api_client_for(org_a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            "/api/v1/orgs/alpha/invitations/", {"email": INVITEE, "role": "coordinator"}
        )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "pending" and body["role"] == "coordinator"
    assert "token" not in body and "token_hash" not in body
    listed = api.get("/api/v1/orgs/alpha/invitations/").json()["results"]
    assert [i["email"] for i in listed] == [INVITEE]
    with django_capture_on_commit_callbacks(execute=True):
        resent = api.post(f"/api/v1/orgs/alpha/invitations/{body['id']}/resend/")
    assert resent.status_code == 200 and resent.json()["send_count"] == 2
    assert len(mail.outbox) == 2
    revoked = api.post(f"/api/v1/orgs/alpha/invitations/{body['id']}/revoke/")
    assert revoked.json()["state"] == "revoked"
    again = api.post(f"/api/v1/orgs/alpha/invitations/{body['id']}/revoke/")
    assert again.status_code == 400 and "revoked" in again.json()["non_field_errors"][0]


def test_me_api_lists_my_pending_invitations_and_accepts(org_a, org_b):
    invitation, _token = invite(org_a)
    invite(org_b, email="someone.else@example.test")
    invitee = UserFactory(email=INVITEE)
    api = api_client_for(invitee)
    listed = api.get("/api/v1/me/invitations/").json()
    assert [i["organization"]["slug"] for i in listed] == ["alpha"]
    accepted = api.post(f"/api/v1/me/invitations/{invitation.public_id}/accept/")
    assert accepted.status_code == 200
    assert accepted.json() == {"organization": accepted.json()["organization"], "role": "mentor"}
    assert api.get("/api/v1/me/invitations/").json() == []
    again = api.get(f"/api/v1/me/invitations/{invitation.public_id}/").json()
    assert again["state"] == "accepted"


def test_nobody_sees_another_persons_invitation_through_the_me_api(org_a, org_b):
    invitation, _token = invite(org_a)
    for person in (UserFactory(email="someone.else@example.test"), org_a.admin):
        api = api_client_for(person)
        assert api.get("/api/v1/me/invitations/").json() == []
        base = f"/api/v1/me/invitations/{invitation.public_id}/"
        assert api.get(base).status_code == 404
        assert api.post(base + "accept/").status_code == 404
        assert api.post(base + "decline/").status_code == 404
    assert api_client_for(None).get("/api/v1/me/invitations/").status_code == 401
    assert state_of(invitation) == InvitationStatus.PENDING


def test_my_invitations_are_listed_on_the_organizations_page(org_a, org_b):
    invitation, _token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    client = client_for(invitee)
    page = client.get("/organizations/").content.decode()
    assert "Invitations for you" in page and "Alpha invites you as" in page
    response = client.post(f"/me/invitations/{invitation.public_id}/accept/")
    assert response["Location"] == "/o/alpha/"
    stranger = client_for(UserFactory(email="nosy@example.test"))
    assert stranger.post(f"/me/invitations/{invitation.public_id}/decline/").status_code == 404


def test_invitee_declines_through_the_api(org_a, org_b):
    invitation, _token = invite(org_a)
    invitee = UserFactory(email=INVITEE)
    answer = api_client_for(invitee).post(f"/api/v1/me/invitations/{invitation.public_id}/decline/")
    assert answer.status_code == 200 and answer.json()["state"] == "declined"
    with pytest.raises(Exception, match="declined"):
        invitation_decline(invitation=invitation, user=invitee)


def _add_invitations_and_requests(tenant, start, stop):
    for n in range(start, stop):
        invite(tenant, email=f"person{n}@example.test")
        with scopes_disabled():
            JoinRequest.objects.create(
                organization=tenant.organization,
                user=UserFactory(email=f"joiner{n}@example.test"),
                message="Hello",
            )


def test_members_page_queries_stay_flat_from_5_to_50_invitations(org_a, org_b):
    client = client_for(org_a.admin)
    counts = []
    for start, stop in ((0, 5), (5, 50)):
        _add_invitations_and_requests(org_a, start, stop)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/o/alpha/members/")
        assert page.content.decode().count("Revoke invitation to") == stop
        assert page.content.decode().count("Approve joiner") == stop
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, counts


def test_an_invitee_who_became_a_member_meanwhile_is_told_and_nothing_changes(org_a, org_b):
    invitation, token = invite(org_a, email="someone@example.test")
    person = UserFactory(email="someone@example.test")
    with scopes_disabled():
        Membership.objects.create(organization=org_a.organization, user=person, role=Role.ADMIN)
    response = client_for(person).post(f"/invitations/{token}/accept/", follow=True)
    assert "You are already a member of Alpha (as admin)" in response.content.decode()
    assert state_of(invitation) == InvitationStatus.PENDING
    assert membership_of(person, org_a.organization).role == Role.ADMIN
    # ...and inviting a member by a verified secondary address is refused too.
    EmailAddress.objects.create(user=person, email="alias@example.test", verified=True)
    with pytest.raises(Exception, match="already a member of Alpha"):
        invite(org_a, email="alias@example.test")


def test_every_state_change_is_audited(org_a, org_b):
    first, _token = invite(org_a)
    invitation_resend(invitation=first, actor=org_a.admin)
    invitation_revoke(invitation=first, actor=org_a.admin)
    second, _token = invite(org_a)
    invitation_decline(invitation=second, user=UserFactory(email=INVITEE))
    third, _token = invite(org_a, email="third@example.test")
    invitation_accept(invitation=third, user=UserFactory(email="third@example.test"))
    events = AuditEvent.objects.with_scopes_disabled().filter(object_type="accounts.invitation")
    assert sorted(events.values_list("action", flat=True)) == sorted(
        [
            "invitation.created",
            "invitation.resent",
            "invitation.revoked",
            "invitation.created",
            "invitation.declined",
            "invitation.created",
            "invitation.accepted",
        ]
    )
    assert {e.organization_id for e in events} == {org_a.organization.pk}
    added = AuditEvent.objects.with_scopes_disabled().get(action="membership.added")
    assert added.data == {"user": "third@example.test", "via": "invitation"}
