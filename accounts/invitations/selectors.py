from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.invitations.models import (
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    OrganizationRequest,
    OrganizationRequestStatus,
    invitation_token_hash,
)
from accounts.organizations.models import Organization
from accounts.people.models import User
from accounts.people.selectors import user_verified_emails
from core.tenancy import cross_tenant


def organization_pending_invitations(*, organization: Organization) -> QuerySet[Invitation]:
    """Pending invitations, including those past their expiry (shown as expired, resendable)."""
    return (
        Invitation.objects.filter(organization=organization, status=InvitationStatus.PENDING)
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )


def organization_invitations(*, organization: Organization) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(organization=organization)
        .select_related("invited_by", "accepted_by")
        .order_by("-created_at", "-id")
    )


def invitation_get(*, organization: Organization, public_id) -> Invitation:
    invitation = (
        organization_invitations(organization=organization).filter(public_id=public_id).first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


@cross_tenant
def invitation_for_token(*, token: str) -> Invitation:
    """The invitation a link names. Cross-tenant because the link names no
    organization; filtered by the token's hash. The token is the secret; an unknown one is
    a 404 like any missing page."""
    invitation = (
        Invitation.objects.filter(token_hash=invitation_token_hash(token))
        .select_related("organization", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404("This invitation link is not valid.")
    return invitation


@cross_tenant
def user_pending_invitations(*, user: User) -> list[Invitation]:
    """Cross-tenant because invitations come from any organization; filtered
    by the person's verified addresses. Pending, unexpired invitations sent to one of the
    person's verified
    addresses. Nobody else's."""
    emails = user_verified_emails(user=user)
    if not emails:
        return []
    return list(
        Invitation.objects.filter(
            email__in=emails, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        )
        .select_related("organization", "invited_by")
        .order_by("-created_at", "-id")
    )


@cross_tenant
def user_invitation_get(*, user: User, public_id) -> Invitation:
    """Cross-tenant because the /me/ URL names no organization; filtered by
    public id and the person's verified addresses. One invitation sent to one of the person's
    verified addresses; any other
    is a 404, exactly like a missing one."""
    emails = user_verified_emails(user=user)
    invitation = (
        Invitation.objects.filter(public_id=public_id, email__in=emails)
        .select_related("organization", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def organization_pending_join_requests(*, organization: Organization) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(organization=organization, status=JoinRequestStatus.PENDING)
        .select_related("user")
        .order_by("created_at", "id")
    )


def organization_join_requests(*, organization: Organization) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(organization=organization)
        .select_related("user", "decided_by")
        .order_by("-created_at", "-id")
    )


def join_request_get(*, organization: Organization, public_id) -> JoinRequest:
    join_request = (
        organization_join_requests(organization=organization).filter(public_id=public_id).first()
    )
    if join_request is None:
        raise Http404("No such join request.")
    return join_request


@cross_tenant
def user_join_requests(*, user: User) -> list[JoinRequest]:
    """The person's own requests to join organizations. Cross-tenant because they span
    organizations; filtered by the user."""
    return list(
        JoinRequest.objects.filter(user=user)
        .select_related("organization")
        .order_by("-created_at", "-id")
    )


def user_organization_requests(*, user: User) -> QuerySet[OrganizationRequest]:
    return OrganizationRequest.objects.filter(requested_by=user).select_related(
        "organization", "decided_by"
    )


def staff_organization_requests(*, status: str | None = None) -> QuerySet[OrganizationRequest]:
    requests = OrganizationRequest.objects.select_related(
        "requested_by", "decided_by", "organization"
    ).order_by("-created_at", "-id")
    if status:
        requests = requests.filter(status=status)
    return requests


def staff_pending_organization_requests() -> QuerySet[OrganizationRequest]:
    return staff_organization_requests(status=OrganizationRequestStatus.PENDING).order_by(
        "created_at", "id"
    )


def staff_organization_request_get(*, public_id) -> OrganizationRequest:
    organization_request = staff_organization_requests().filter(public_id=public_id).first()
    if organization_request is None:
        raise Http404("No such organization request.")
    return organization_request
