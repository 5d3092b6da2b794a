"""Who may do what in accounts, as named predicates (django-rules). Default deny: a
permission not declared here is refused."""

import rules

from accounts.models import Role
from accounts.selectors import user_roles


def _role(user, organization) -> str | None:
    if organization is None or not user.is_authenticated:
        return None
    return user_roles(user).get(organization.pk)


@rules.predicate
def is_member(user, organization) -> bool:
    return _role(user, organization) is not None


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return _role(user, organization) == Role.ADMIN


@rules.predicate
def is_org_coordinator(user, organization) -> bool:
    return _role(user, organization) == Role.COORDINATOR


@rules.predicate
def is_org_mentor(user, organization) -> bool:
    return _role(user, organization) == Role.MENTOR


is_platform_staff = rules.is_staff

rules.add_perm("accounts.view_organization", is_member)
rules.add_perm("accounts.view_members", is_member)
rules.add_perm("accounts.manage_members", is_org_admin)
rules.add_perm("accounts.staff", is_platform_staff)
# Invitations and join requests: the organization's admins.
rules.add_perm("accounts.manage_invitations", is_org_admin)
rules.add_perm("accounts.decide_join_requests", is_org_admin)
