"""Reads shared by pages and the API. The functions decorated `@cross_tenant` run unscoped on
purpose; each is reviewed like security code."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.organizations.models import Membership, Organization, OrganizationPolicy
from accounts.people.models import User
from core.tenancy import cross_tenant


def _memberships_load(user: User) -> None:
    """Reads the person's memberships with their organizations once for the request and
    keeps them on the user object: the roles (permission checks), the organization of the
    URL and the navigation's list all come from this one query."""
    memberships = list(
        Membership.objects.filter(user=user)
        # With each organization's policy (a row at most): the viewer context of the
        # request takes it from here (accounts.viewer.viewer_install).
        .select_related("organization", "organization__policy")
        .order_by("organization__name")
    )
    user._memberships = memberships
    user._organization_roles = {m.organization_id: m.role for m in memberships}


@cross_tenant
def user_roles(user: User) -> dict[int, str]:
    """Cross-tenant because a person may belong to several organizations; filtered by
    the user. The signed-in person's own roles, {organization id: role}. Cached on the
    user object for the request (with the memberships: `_organization_roles = None` drops
    both), so permission checks cost one query per request."""
    if not user.is_authenticated:
        return {}
    if getattr(user, "_organization_roles", None) is None:
        _memberships_load(user)
    return user._organization_roles


@cross_tenant
def user_memberships(*, user: User) -> list[Membership]:
    """The person's own memberships, for /me/ and /api/v1/me/organizations/. Cross-tenant because
    memberships span organizations; filtered by the user. The request's cached ones when
    its permission checks read them already (user_roles)."""
    if not user.is_authenticated:
        return []
    if getattr(user, "_organization_roles", None) is None:
        _memberships_load(user)
    return list(user._memberships)


def organization_for_member(*, user: User, slug: str) -> Organization:
    """The organization named in the URL, if the person is a member. Anything else (unknown
    slug, not a member) is the same 404, so a URL reveals nothing. Read from the person's
    memberships (user_memberships), which the page needs anyway."""
    for membership in user_memberships(user=user):
        if membership.organization.slug == slug:
            return membership.organization
    raise Http404("No such organization.")


def organization_members(*, organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__email")
    )


def membership_get(*, organization: Organization, pk) -> Membership:
    membership = organization_members(organization=organization).filter(pk=pk).first()
    if membership is None:
        raise Http404("No such member.")
    return membership


def staff_organizations() -> QuerySet[Organization]:
    return Organization.objects.order_by("name")


def public_organization_get(*, slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404("No such organization.")
    return organization


def public_organizations() -> QuerySet[Organization]:
    """The list anyone may see: names, descriptions and websites, nothing inside."""
    return Organization.objects.order_by("name")


@cross_tenant
def organization_policy(*, organization_id: int) -> OrganizationPolicy:
    """The organization's policy (the defaults, unsaved, when it never changed it).
    CROSS-TENANT only in that it runs in any scope: permission predicates ask for it about
    the object they check, which may belong to another organization than the one in the
    URL (a resume); the row is found by the organization's own id and nothing else."""
    found = OrganizationPolicy.objects.filter(organization_id=organization_id).first()
    return found or OrganizationPolicy(organization_id=organization_id)
