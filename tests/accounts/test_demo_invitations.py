import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.invitations.models import Invitation, InvitationStatus, JoinRequest, JoinRequestStatus
from accounts.people.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_aurora_has_one_pending_invitation_and_one_join_request_however_often_loaded(client):
    call_command("load_demo")
    call_command("load_demo")
    with scopes_disabled():
        invitations = Invitation.objects.filter(organization__slug="aurora")
        requests = JoinRequest.objects.filter(organization__slug="aurora")
        assert [i.status for i in invitations] == [InvitationStatus.PENDING]
        assert [r.status for r in requests] == [JoinRequestStatus.PENDING]
    assert client.login(email="admin.aurora@example.org", password=DEMO_PASSWORD)
    page = client.get("/o/aurora/members/").content.decode()
    assert "new.mentor@example.org" in page and "graduate@example.org" in page
