"""Invitations into an organization. An admin invites an email address to a role; the
person accepts while signed in with a verified account of that address (which creates the
membership), or declines; admins resend (new link, new 14 days) or revoke. Every transition
follows INVITATION_TRANSITIONS as a compare-and-set update of a pending row, so two clicks or
two admins cannot both win."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_scopes import scope

from accounts.invitations.models import (
    INVITATION_LIFETIME,
    Invitation,
    InvitationStatus,
    invitation_new_token,
    invitation_token_hash,
)
from accounts.organizations.models import Membership, Organization, Role
from accounts.organizations.services import membership_grant
from accounts.people.models import User
from accounts.people.selectors import user_verified_emails
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.transitions import state_transition

STATE_MESSAGES = {
    InvitationStatus.ACCEPTED: "This invitation has already been accepted.",
    InvitationStatus.DECLINED: "This invitation was declined.",
    InvitationStatus.REVOKED: "This invitation was withdrawn by the organization's admins.",
}


def invitation_state_message(invitation: Invitation) -> str:
    """Why a non-pending invitation can no longer be answered, in words the invitee can act on."""
    if invitation.is_expired:
        return (
            f"This invitation expired on {invitation.expires_at:%d %B %Y}. Ask an admin of "
            f"{invitation.organization.name} to send it again."
        )
    return STATE_MESSAGES.get(invitation.status, "This invitation can no longer be answered.")


def invitee_problem(*, invitation: Invitation, user: User) -> str | None:
    """Why this signed-in person may not answer the invitation, or None. Only an account
    with a verified address equal to the invited one may: a link forwarded to (or opened by)
    someone else grants nothing."""
    if invitation.email in user_verified_emails(user=user):
        return None
    if (
        user.email.lower() == invitation.email
        or EmailAddress.objects.filter(user=user, email__iexact=invitation.email).exists()
    ):
        return (
            f"This invitation was sent to {invitation.email}, which is not verified yet on your "
            "account. Open the verification link we emailed you (or send a new one from your "
            "email settings), then come back to this page."
        )
    return (
        f"This invitation was sent to {invitation.masked_email}; you are signed in as "
        f"{user.email}. Sign out, then sign in or sign up with that address."
    )


def _existing_member(*, organization: Organization, email: str) -> Membership | None:
    """The membership of the account using this address (as login or verified address)."""
    with scope(organization=organization):
        return (
            Membership.objects.filter(organization=organization)
            .filter(
                Q(user__email__iexact=email)
                | Q(user__emailaddress__email__iexact=email, user__emailaddress__verified=True)
            )
            .first()
        )


def _lock_organization(organization: Organization) -> None:
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _send(invitation: Invitation, token: str) -> None:
    email_queue(
        to=[invitation.email],
        template="invitation",
        organization=invitation.organization,
        context={
            "organization": invitation.organization.name,
            "role": invitation.get_role_display(),
            "invited_by": invitation.invited_by.name if invitation.invited_by else "An admin",
            "email": invitation.email,
            "link": absolute_url("accounts:invitation", token=token),
            "expires_at": invitation.expires_at,
        },
    )


S = InvitationStatus

# (from, to): the timestamp field the move sets. Only a pending invitation moves; resending
# keeps it pending with a new link and another 14 days.
INVITATION_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (S.PENDING, S.ACCEPTED): "responded_at",
    (S.PENDING, S.DECLINED): "responded_at",
    (S.PENDING, S.REVOKED): "responded_at",
    (S.PENDING, S.EXPIRED): None,  # replaced by a new invitation to the same address
    (S.PENDING, S.PENDING): "sent_at",  # resent
}

# What a refused admin move says, by the state asked for; the invitee's refused answers say
# why the invitation can no longer be answered (invitation_state_message).
INVITATION_REFUSALS = {
    S.PENDING: "Only a pending invitation can be resent; this one is {state}.",
    S.REVOKED: "Only a pending invitation can be revoked; this one is {state}.",
}


def invitation_refusal(invitation: Invitation, to_state: str) -> str:
    if to_state in INVITATION_REFUSALS:
        return INVITATION_REFUSALS[to_state].format(state=invitation.state_label.lower())
    return invitation_state_message(invitation)


@transaction.atomic
def invitation_transition(
    *,
    invitation: Invitation,
    to_state: str,
    actor: User | None,
    updates: dict | None = None,
    unexpired: bool = False,
    action: str = "",
    then=None,
) -> Invitation:
    """Moves an invitation along INVITATION_TRANSITIONS (compare-and-set, audited); when
    `unexpired`, only while it is not past its expiry. `then` is the work done with the move,
    before it is recorded."""
    with scope(organization=invitation.organization):
        return state_transition(
            obj=invitation,
            to_state=to_state,
            actor=actor,
            transitions=INVITATION_TRANSITIONS,
            refusals=invitation_refusal,
            updates=updates,
            field="status",
            where={"expires_at__gt": timezone.now()} if unexpired else None,
            action=action,
            then=then,
        )


@transaction.atomic
def invitation_create(
    *, organization: Organization, actor: User, email: str, role: str
) -> tuple[Invitation, str]:
    """Invites an address to a role and emails it a link (after commit). Refused for an
    address that is already a member or already has a pending invitation. Returns the
    invitation and the link's token (shown nowhere: only its hash is stored)."""
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    email = (email or "").strip().lower()
    if len(email) > 254:
        raise ValidationError({"email": "An email address has at most 254 characters."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Enter a valid email address."}) from None
    _lock_organization(organization)
    member = _existing_member(organization=organization, email=email)
    if member is not None:
        raise ValidationError(
            {
                "email": f"{email} is already a member of {organization.name} "
                f"(as {member.get_role_display().lower()})."
            }
        )
    with scope(organization=organization):
        previous = Invitation.objects.filter(
            organization=organization, email=email, status=InvitationStatus.PENDING
        ).first()
        if previous is not None and not previous.is_expired:
            raise ValidationError(
                {
                    "email": f"{email} already has a pending invitation (sent "
                    f"{previous.sent_at:%d %B %Y}). Resend it instead of inviting again."
                }
            )
        if previous is not None:
            try:
                invitation_transition(
                    invitation=previous, to_state=InvitationStatus.EXPIRED, actor=actor
                )
            except ValidationError:
                pass  # answered or revoked meanwhile: nothing left to expire
        token = invitation_new_token()
        now = timezone.now()
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token_hash=invitation_token_hash(token),
            invited_by=actor,
            sent_at=now,
            expires_at=now + INVITATION_LIFETIME,
        )
    audit_record(
        action="invitation.created",
        obj=invitation,
        actor=actor,
        organization=organization,
        to_state=InvitationStatus.PENDING,
        data={"email": email, "role": role},
    )
    _send(invitation, token)
    return invitation, token


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User) -> tuple[Invitation, str]:
    """Emails a new link (the old one stops working) and gives the invitation another 14
    days. Only a pending invitation, expired or not, can be resent."""
    if _existing_member(organization=invitation.organization, email=invitation.email):
        raise ValidationError(
            f"{invitation.email} is already a member of {invitation.organization.name}; "
            "revoke this invitation instead."
        )
    token = invitation_new_token()
    now = timezone.now()
    invitation_transition(
        invitation=invitation,
        to_state=InvitationStatus.PENDING,
        actor=actor,
        updates={
            "token_hash": invitation_token_hash(token),
            "sent_at": now,
            "expires_at": now + INVITATION_LIFETIME,
            "send_count": F("send_count") + 1,
        },
        action="invitation.resent",
        then=lambda resent: {"send_count": resent.send_count},
    )
    _send(invitation, token)
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """Withdraws a pending invitation: its link stops working."""
    invitation_transition(
        invitation=invitation,
        to_state=InvitationStatus.REVOKED,
        actor=actor,
        updates={"responded_at": timezone.now()},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invitee accepts: the invitation becomes accepted and the person a member with the
    invited role, together or not at all. Accepting twice (a double click, two tabs) gives
    the same membership; anyone but the verified invitee is refused."""
    problem = invitee_problem(invitation=invitation, user=user)
    if problem:
        raise ValidationError(problem)
    organization = invitation.organization
    now = timezone.now()
    granted: dict[str, Membership] = {}

    def grant(accepted: Invitation) -> None:
        with scope(organization=organization):
            member = Membership.objects.filter(organization=organization, user=user).first()
        if member is not None:
            raise ValidationError(
                f"You are already a member of {organization.name} (as "
                f"{member.get_role_display().lower()}); there is nothing to accept."
            )
        granted["membership"] = membership_grant(
            organization=organization,
            user=user,
            role=accepted.role,
            actor=user,
            via="invitation",
        )

    try:
        invitation_transition(
            invitation=invitation,
            to_state=InvitationStatus.ACCEPTED,
            actor=user,
            updates={"accepted_by": user, "responded_at": now},
            unexpired=True,
            then=grant,
        )
    except ValidationError:
        # Accepted already by this same person (a double click, two tabs): the same
        # membership, not an error.
        invitation.refresh_from_db()
        if invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by_id == user.pk:
            with scope(organization=organization):
                membership = Membership.objects.filter(organization=organization, user=user).first()
            if membership is not None:
                return membership
        raise
    return granted["membership"]


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> Invitation:
    """The invitee says no. Only the verified invitee can, and only while it is pending."""
    problem = invitee_problem(invitation=invitation, user=user)
    if problem:
        raise ValidationError(problem)
    invitation_transition(
        invitation=invitation,
        to_state=InvitationStatus.DECLINED,
        actor=user,
        updates={"responded_at": timezone.now()},
        unexpired=True,
    )
    return invitation
