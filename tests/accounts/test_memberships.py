import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scope, scopes_disabled

from accounts.organizations.models import Membership, Role
from accounts.organizations.services import (
    membership_change_role,
    membership_grant,
    membership_remove,
)
from core.audit.models import AuditEvent
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_alpha(request):
    """Services run inside the organization's scope, as the views run them."""
    if "org_a" not in request.fixturenames:
        yield
        return
    with scope(organization=request.getfixturevalue("org_a").organization):
        yield


def test_granting_a_membership_is_recorded(org_a, stranger):
    membership = membership_grant(
        organization=org_a.organization, user=stranger, role="mentor", actor=stranger
    )
    assert membership.user == stranger and membership.role == Role.MENTOR
    with scopes_disabled():
        event = AuditEvent.objects.get(action="membership.added")
    assert event.actor == stranger and event.organization == org_a.organization


def test_granting_a_membership_twice_is_refused(org_a):
    with pytest.raises(ValidationError, match="already a member"):
        membership_grant(
            organization=org_a.organization,
            user=org_a.mentor,
            actor=org_a.admin,
            role="coordinator",
        )


def test_unknown_role_is_refused(org_a, stranger):
    with pytest.raises(ValidationError):
        membership_grant(
            organization=org_a.organization, actor=org_a.admin, user=stranger, role="owner"
        )
    with scopes_disabled():
        assert not Membership.objects.filter(user=stranger).exists()


def test_last_admin_cannot_be_demoted_or_removed(org_a):
    with scopes_disabled():
        admin = Membership.objects.get(user=org_a.admin)
    with pytest.raises(ValidationError, match="at least one admin"):
        membership_change_role(membership=admin, actor=org_a.admin, role="mentor")
    with pytest.raises(ValidationError, match="at least one admin"):
        membership_remove(membership=admin, actor=org_a.admin)
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_an_admin_can_step_down_when_another_admin_exists(org_a):
    MembershipFactory(organization=org_a.organization, role=Role.ADMIN)
    with scopes_disabled():
        admin = Membership.objects.get(user=org_a.admin)
    membership_change_role(membership=admin, actor=org_a.admin, role="mentor")
    admin.refresh_from_db()
    assert admin.role == Role.MENTOR


def test_a_person_can_hold_roles_in_several_organizations(org_a, org_b):
    with scope(organization=org_b.organization):
        membership_grant(
            organization=org_b.organization,
            actor=org_b.admin,
            user=org_a.mentor,
            role="admin",
        )
    with scopes_disabled():
        roles = dict(
            Membership.objects.filter(user=org_a.mentor).values_list("organization__slug", "role")
        )
    assert roles == {"alpha": "mentor", "beta": "admin"}


@pytest.mark.django_db(transaction=True)
def test_two_admins_removing_each_other_at_once_leave_one_admin():
    organization = OrganizationFactory(slug="race")
    first = MembershipFactory(organization=organization, user=UserFactory(), role=Role.ADMIN)
    second = MembershipFactory(organization=organization, user=UserFactory(), role=Role.ADMIN)
    barrier = threading.Barrier(2)
    errors = []

    def remove(target, actor):
        try:
            barrier.wait()
            with scope(organization=organization):
                membership_remove(membership=target, actor=actor)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=remove, args=(first, second.user)),
        threading.Thread(target=remove, args=(second, first.user)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with scopes_disabled():
        admins = Membership.objects.filter(organization=organization, role=Role.ADMIN).count()
    assert admins == 1
    assert len(errors) == 1
