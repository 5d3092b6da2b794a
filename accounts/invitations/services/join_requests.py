"""Asking to join an organization as a mentor. A signed-in person asks (one pending request
per organization); an admin approves (the person becomes a mentor) or declines with an
optional reason. Each step emails the other side, after commit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_scopes import scope

from accounts.invitations.models import JoinRequest, JoinRequestStatus
from accounts.organizations.models import Membership, Organization, Role
from accounts.organizations.services import membership_grant
from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.transitions import state_transition

MESSAGE_MAX = 1000


def _admin_emails(organization: Organization) -> list[str]:
    with scope(organization=organization):
        return list(
            Membership.objects.filter(
                organization=organization, role=Role.ADMIN, user__is_active=True
            ).values_list("user__email", flat=True)
        )


# (from, to): the timestamp field the move sets. Only a pending request is decided.
JOIN_REQUEST_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (JoinRequestStatus.PENDING, JoinRequestStatus.APPROVED): "decided_at",
    (JoinRequestStatus.PENDING, JoinRequestStatus.DECLINED): "decided_at",
}

JOIN_REQUEST_REFUSALS = {
    JoinRequestStatus.APPROVED: "This request was already approved.",
    JoinRequestStatus.DECLINED: "This request was already declined.",
}


@transaction.atomic
def join_request_transition(
    *,
    join_request: JoinRequest,
    to_state: str,
    actor: User | None,
    reason: str = "",
    updates: dict | None = None,
    then=None,
) -> JoinRequest:
    """Moves a join request along JOIN_REQUEST_TRANSITIONS (compare-and-set, audited).
    `then` is the work done with the move, before it is recorded."""
    with scope(organization=join_request.organization):
        return state_transition(
            obj=join_request,
            to_state=to_state,
            actor=actor,
            transitions=JOIN_REQUEST_TRANSITIONS,
            refusals=JOIN_REQUEST_REFUSALS,
            reason=reason,
            updates=updates,
            field="status",
            action=f"join_request.{to_state}",
            then=then,
        )


@transaction.atomic
def join_request_create(
    *, organization: Organization, user: User, message: str = ""
) -> JoinRequest:
    """A person asks to join as a mentor. Refused for members and for a second pending
    request to the same organization. The organization's admins get an email."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": f"Keep the message under {MESSAGE_MAX} characters."})
    # Serializes requests of one organization, so two clicks cannot create two requests.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    with scope(organization=organization):
        member = Membership.objects.filter(organization=organization, user=user).first()
        if member is not None:
            raise ValidationError(
                f"You are already a member of {organization.name} (as "
                f"{member.get_role_display().lower()})."
            )
        pending = JoinRequest.objects.filter(
            organization=organization, user=user, status=JoinRequestStatus.PENDING
        ).first()
        if pending is not None:
            raise ValidationError(
                f"You already asked to join {organization.name} on "
                f"{pending.created_at:%d %B %Y}. Its admins will answer you by email."
            )
        join_request = JoinRequest.objects.create(
            organization=organization, user=user, message=message
        )
    audit_record(
        action="join_request.created",
        obj=join_request,
        actor=user,
        organization=organization,
        to_state=JoinRequestStatus.PENDING,
    )
    email_queue(
        to=_admin_emails(organization),
        template="join_request_received",
        organization=organization,
        context={
            "organization": organization.name,
            "person": user.name,
            "email": user.email,
            "message": message,
            "link": absolute_url("accounts:org-members", org=organization.slug),
        },
    )
    return join_request


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, actor: User) -> Membership:
    """An admin approves: the request is approved and the person becomes a mentor, together
    or not at all. The person gets an email."""
    organization = join_request.organization
    granted: dict[str, Membership] = {}

    def grant(approved: JoinRequest) -> None:
        granted["membership"] = membership_grant(
            organization=organization,
            user=approved.user,
            role=Role.MENTOR,
            actor=actor,
            via="join_request",
        )

    join_request_transition(
        join_request=join_request,
        to_state=JoinRequestStatus.APPROVED,
        actor=actor,
        updates={"decided_by": actor, "decline_reason": ""},
        then=grant,
    )
    membership = granted["membership"]
    email_queue(
        to=[join_request.user.email],
        template="join_request_approved",
        organization=organization,
        context={
            "organization": organization.name,
            "link": absolute_url("programs:org-home", org=organization.slug),
        },
    )
    return membership


@transaction.atomic
def join_request_decline(
    *, join_request: JoinRequest, actor: User, reason: str = ""
) -> JoinRequest:
    """An admin declines, optionally saying why; the person gets an email with the reason."""
    reason = (reason or "").strip()
    if len(reason) > MESSAGE_MAX:
        raise ValidationError({"reason": f"Keep the reason under {MESSAGE_MAX} characters."})
    join_request_transition(
        join_request=join_request,
        to_state=JoinRequestStatus.DECLINED,
        actor=actor,
        reason=reason,
        updates={"decided_by": actor, "decline_reason": reason},
    )
    email_queue(
        to=[join_request.user.email],
        template="join_request_declined",
        organization=join_request.organization,
        context={"organization": join_request.organization.name, "reason": reason},
    )
    return join_request
