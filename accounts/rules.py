"""Who may do what in accounts, as named predicates (django-rules). Default deny: a
permission not declared here is refused.

Every organization-level predicate reads the viewer context (accounts.viewer) of the
object's organization: the object is the organization itself (what the tenancy layer
checks) or any tenant-owned row (a term, an application), whose organization is asked."""

import rules

from accounts.organizations.models import Organization, Role
from accounts.viewer import Viewer, organization_id_of, viewer_for


def viewer_of(user, obj) -> Viewer | None:
    """The viewer context of `user` in the organization `obj` belongs to (None when the
    object has no organization or the person is anonymous)."""
    organization_id = organization_id_of(obj) if obj is not None else None
    if organization_id is None or not user.is_authenticated:
        return None
    return viewer_for(user, organization_id)


def role_of(user, obj) -> str | None:
    viewer = viewer_of(user, obj)
    return viewer.role if viewer is not None else None


@rules.predicate
def is_member(user, obj) -> bool:
    return role_of(user, obj) is not None


@rules.predicate
def is_org_admin(user, obj) -> bool:
    return role_of(user, obj) == Role.ADMIN


@rules.predicate
def is_org_coordinator(user, obj) -> bool:
    return role_of(user, obj) == Role.COORDINATOR


@rules.predicate
def is_org_mentor(user, obj) -> bool:
    return role_of(user, obj) == Role.MENTOR


@rules.predicate
def is_organization(user, obj) -> bool:
    """The check is about the whole organization (may this person open the area at all),
    not about one of its objects."""
    return isinstance(obj, Organization)


@rules.predicate
def policy_lets_mentors_shortlist(user, obj) -> bool:
    viewer = viewer_of(user, obj)
    return viewer is not None and viewer.policy.mentors_may_shortlist


@rules.predicate
def policy_lets_mentors_decide(user, obj) -> bool:
    viewer = viewer_of(user, obj)
    return viewer is not None and viewer.policy.mentors_may_decide


is_org_reviewer = is_org_admin | is_org_coordinator


is_platform_staff = rules.is_staff

rules.add_perm("accounts.view_organization", is_member)
rules.add_perm("accounts.view_members", is_member)
rules.add_perm("accounts.manage_members", is_org_admin)
rules.add_perm("accounts.staff", is_platform_staff)
# The organization's policy (what mentors may do): any member reads it, admins change it.
rules.add_perm("accounts.view_policy", is_member)
rules.add_perm("accounts.manage_policy", is_org_admin)


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
