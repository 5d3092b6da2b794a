"""Invitations into an organization. An admin invites an email address to a role; the
person accepts while signed in with a verified account of that address (which creates the
membership), or declines; admins resend (new link, new 14 days) or revoke. Every transition
is a compare-and-set update of a pending row, so two clicks or two admins cannot both win."""

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


def _cas(invitation: Invitation, *, to: str, unexpired: bool, **fields) -> bool:
    """Moves a pending invitation to `to` if it is still pending (and, when `unexpired`, not
    past its expiry). False when someone else moved it first."""
    with scope(organization=invitation.organization):
        pending = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING)
        if unexpired:
            pending = pending.filter(expires_at__gt=timezone.now())
        return bool(pending.update(status=to, **fields))


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
            _cas(previous, to=InvitationStatus.EXPIRED, unexpired=False)
            audit_record(
                action="invitation.expired",
                obj=previous,
                actor=actor,
                organization=organization,
                from_state=InvitationStatus.PENDING,
                to_state=InvitationStatus.EXPIRED,
            )
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
    if not _cas(
        invitation,
        to=InvitationStatus.PENDING,
        unexpired=False,
        token_hash=invitation_token_hash(token),
        sent_at=now,
        expires_at=now + INVITATION_LIFETIME,
        send_count=F("send_count") + 1,
    ):
        invitation.refresh_from_db()
        raise ValidationError(
            "Only a pending invitation can be resent; this one is "
            f"{invitation.state_label.lower()}."
        )
    invitation.refresh_from_db()
    audit_record(
        action="invitation.resent",
        obj=invitation,
        actor=actor,
        organization=invitation.organization,
        from_state=InvitationStatus.PENDING,
        to_state=InvitationStatus.PENDING,
        data={"send_count": invitation.send_count},
    )
    _send(invitation, token)
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """Withdraws a pending invitation: its link stops working."""
    if not _cas(
        invitation, to=InvitationStatus.REVOKED, unexpired=False, responded_at=timezone.now()
    ):
        invitation.refresh_from_db()
        raise ValidationError(
            "Only a pending invitation can be revoked; this one is "
            f"{invitation.state_label.lower()}."
        )
    invitation.refresh_from_db()
    audit_record(
        action="invitation.revoked",
        obj=invitation,
        actor=actor,
        organization=invitation.organization,
        from_state=InvitationStatus.PENDING,
        to_state=InvitationStatus.REVOKED,
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
    if not _cas(
        invitation,
        to=InvitationStatus.ACCEPTED,
        unexpired=True,
        accepted_by=user,
        responded_at=now,
    ):
        invitation.refresh_from_db()
        if invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by_id == user.pk:
            with scope(organization=organization):
                membership = Membership.objects.filter(organization=organization, user=user).first()
            if membership is not None:
                return membership
        raise ValidationError(invitation_state_message(invitation))
    with scope(organization=organization):
        member = Membership.objects.filter(organization=organization, user=user).first()
    if member is not None:
        raise ValidationError(
            f"You are already a member of {organization.name} (as "
            f"{member.get_role_display().lower()}); there is nothing to accept."
        )
    membership = membership_grant(
        organization=organization, user=user, role=invitation.role, actor=user, via="invitation"
    )
    invitation.refresh_from_db()
    audit_record(
        action="invitation.accepted",
        obj=invitation,
        actor=user,
        organization=organization,
        from_state=InvitationStatus.PENDING,
        to_state=InvitationStatus.ACCEPTED,
    )
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> Invitation:
    """The invitee says no. Only the verified invitee can, and only while it is pending."""
    problem = invitee_problem(invitation=invitation, user=user)
    if problem:
        raise ValidationError(problem)
    if not _cas(
        invitation, to=InvitationStatus.DECLINED, unexpired=True, responded_at=timezone.now()
    ):
        invitation.refresh_from_db()
        raise ValidationError(invitation_state_message(invitation))
    invitation.refresh_from_db()
    audit_record(
        action="invitation.declined",
        obj=invitation,
        actor=user,
        organization=invitation.organization,
        from_state=InvitationStatus.PENDING,
        to_state=InvitationStatus.DECLINED,
    )
    return invitation
