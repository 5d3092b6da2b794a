"""Reads shared by pages and the API. The functions decorated `@cross_tenant` run unscoped on
purpose; each is reviewed like security code."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.organizations.models import Membership, Organization, OrganizationPolicy
from accounts.people.models import User
from core.tenancy import cross_tenant


@cross_tenant
def user_roles(user: User) -> dict[int, str]:
    """Cross-tenant because a person may belong to several organizations; filtered by
    the user. The signed-in person's own roles, {organization id: role}. Cached on the
    user object for the request, so permission checks cost one query per request."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_organization_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        user._organization_roles = cached
    return cached


@cross_tenant
def user_memberships(*, user: User) -> list[Membership]:
    """The person's own memberships, for /me/ and /api/v1/me/organizations/. Cross-tenant because
    memberships span organizations; filtered by the user."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name")
    )


def organization_for_member(*, user: User, slug: str) -> Organization:
    """The organization named in the URL, if the person is a member. Anything else (unknown
    slug, not a member) is the same 404, so a URL reveals nothing."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None or organization.pk not in user_roles(user):
        raise Http404("No such organization.")
    return organization


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
