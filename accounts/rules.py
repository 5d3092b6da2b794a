"""Who may do what in accounts, as named predicates (django-rules). Default deny: a
permission not declared here is refused."""

import rules

from accounts.organizations.models import Role
from accounts.organizations.selectors import user_roles


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


# Resumes. A profile's resume is visible to its owner; later features grant more people
# (e.g. reviewers of an application) by registering a predicate from their own rules.py:
#     from accounts.rules import allow_resume_viewers
#     allow_resume_viewers(is_reviewer_of_an_application_by)   # (user, MenteeProfile) -> bool
# Everyone else gets 404 from the download views.
@rules.predicate
def is_profile_owner(user, profile) -> bool:
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


_resume_viewers: list = [is_profile_owner]


def allow_resume_viewers(predicate) -> None:
    """Adds a predicate (user, MenteeProfile) -> bool that also grants `accounts.view_resume`."""
    if not isinstance(predicate, rules.Predicate):
        predicate = rules.predicate(predicate)
    _resume_viewers.append(predicate)


@rules.predicate
def may_view_resume(user, profile) -> bool:
    return any(predicate.test(user, profile) for predicate in _resume_viewers)


rules.add_perm("accounts.view_resume", may_view_resume)
# Invitations and join requests: the organization's admins.
rules.add_perm("accounts.manage_invitations", is_org_admin)
rules.add_perm("accounts.decide_join_requests", is_org_admin)
