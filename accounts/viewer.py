"""The viewer context: who asks, in which organization, with which role, under which policy
of that organization. Every permission predicate (django-rules, the `rules.py` of each app)
reads it through `viewer_for(user, organization_id)`.

The tenancy layer (`accounts.tenancy`) resolves it once per request and installs it on the
person for the length of the request, so the pages and API views and every `has_perm` they
ask share one set of lookups. Outside a request (a service called by a task, a test) each
`viewer_for` builds a fresh context, so it never reads a stale policy.

Higher apps add what only they know (the terms a person mentors, the applicants they
declared a conflict with) through `lookup(key, compute)`: the context caches the answer
without knowing the models, so accounts imports nothing above it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.organizations.models import Organization, OrganizationPolicy
from accounts.organizations.selectors import organization_policy, user_roles
from accounts.people.models import User

# The attribute of the person that holds the request's viewer contexts {organization id: Viewer}.
INSTALLED = "_request_viewers"


@dataclass(eq=False)
class Viewer:
    user: User
    organization_id: int
    role: str | None
    lookups: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def policy(self) -> OrganizationPolicy:
        return self.lookup(
            "policy", lambda: organization_policy(organization_id=self.organization_id)
        )

    def lookup(self, key: str, compute: Callable[[], Any]) -> Any:
        """The value of `compute()`, computed once per context."""
        if key not in self.lookups:
            self.lookups[key] = compute()
        return self.lookups[key]

    def forget(self) -> None:
        """Drops the cached lookups (after a write that changes them, e.g. a conflict
        declared or a policy changed within the request)."""
        self.lookups.clear()


def organization_id_of(obj) -> int | None:
    """The organization an object belongs to: the organization itself, or the
    `organization_id` of a tenant-owned row."""
    if isinstance(obj, Organization):
        return obj.pk
    return getattr(obj, "organization_id", None)


def viewer_for(user: User, organization_id: int) -> Viewer:
    """The context of `user` in one organization: the request's when the tenancy layer
    installed one for it, a fresh one otherwise."""
    installed = getattr(user, INSTALLED, None) or {}
    if organization_id in installed:
        return installed[organization_id]
    role = user_roles(user).get(organization_id) if user.is_authenticated else None
    return Viewer(user=user, organization_id=organization_id, role=role)


def viewer_install(user: User, organization: Organization) -> Viewer:
    """Resolves the context of the request and keeps it on the person until
    `viewer_uninstall`."""
    viewer = Viewer(
        user=user, organization_id=organization.pk, role=user_roles(user).get(organization.pk)
    )
    # The organization of the URL comes from the person's memberships, read with its policy
    # (accounts.organizations.selectors.user_memberships): no query of its own.
    if Organization.policy.is_cached(organization):
        policy = getattr(organization, "policy", None)
        viewer.lookups["policy"] = policy or OrganizationPolicy(organization_id=organization.pk)
    setattr(user, INSTALLED, {organization.pk: viewer})
    return viewer


def viewer_uninstall(user: User) -> None:
    """Ends the request's contexts, and drops the roles cached on the person with them: a
    user object that lives on (a test client, a shell) reads its roles afresh next time."""
    if hasattr(user, INSTALLED):
        delattr(user, INSTALLED)
    user._organization_roles = None


def viewer_forget(user: User) -> None:
    """Drops the cached lookups of the request's contexts of `user` (a service that changed
    what they depend on calls it)."""
    for viewer in (getattr(user, INSTALLED, None) or {}).values():
        viewer.forget()
