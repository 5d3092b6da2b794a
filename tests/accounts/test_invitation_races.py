"""Two acceptances of one invitation at the same moment (a double click, two tabs) make one
membership. Runs real transactions in threads on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from accounts.invitations.models import Invitation, InvitationStatus
from accounts.invitations.services.invitations import invitation_accept, invitation_create
from accounts.organizations.models import Membership, Role
from tests.conftest import make_tenant
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_acceptances_make_one_membership():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    alpha, _beta = make_tenant("alpha"), make_tenant("beta")
    invitation, _token = invitation_create(
        organization=alpha.organization,
        actor=alpha.admin,
        email="ines@example.test",
        role=Role.MENTOR,
    )
    invitee = UserFactory(email="ines@example.test")
    barrier = threading.Barrier(4)
    results, errors = [], []

    def accept():
        try:
            with scopes_disabled():
                mine = Invitation.objects.get(pk=invitation.pk)
            barrier.wait()
            results.append(invitation_accept(invitation=mine, user=invitee).pk)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(results)) == 1
    with scopes_disabled():
        assert Membership.objects.filter(user=invitee).count() == 1
        assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.ACCEPTED
