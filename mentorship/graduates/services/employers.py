"""Employer accounts: the request, staff approval or decline, colleagues by invitation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.transitions import reason_required, state_transition
from mentorship.graduates.models import (
    Employer,
    EmployerInvitation,
    EmployerMember,
    EmployerStatus,
)
from mentorship.graduates.services.interests import staff_emails

EMPLOYER_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (EmployerStatus.PENDING, EmployerStatus.APPROVED): "decided_at",
    (EmployerStatus.PENDING, EmployerStatus.DECLINED): "decided_at",
}


EMPLOYER_REFUSALS = {
    EmployerStatus.APPROVED: "This employer was already approved.",
    EmployerStatus.DECLINED: "This employer was already declined.",
}


@transaction.atomic
def employer_transition(
    *, employer: Employer, to_state: str, actor: User | None, reason: str = "", updates=None
) -> Employer:
    """Moves an employer account along EMPLOYER_TRANSITIONS (compare-and-set, audited)."""
    return state_transition(
        obj=employer,
        to_state=to_state,
        actor=actor,
        transitions=EMPLOYER_TRANSITIONS,
        refusals=EMPLOYER_REFUSALS,
        reason=reason,
        updates=updates,
        field="status",
        action=f"employer.{to_state}",
    )


@transaction.atomic
def employer_request_create(
    *, user: User, name: str, website: str, contact: str, reason: str
) -> Employer:
    """A person asks for an employer account; staff are told by email."""
    if EmployerMember.objects.filter(user=user).exists():
        raise ValidationError("You already act for an employer on this platform.")
    employer = Employer(
        name=(name or "").strip(),
        website=(website or "").strip(),
        contact=(contact or "").strip(),
        reason=(reason or "").strip(),
        requested_by=user,
    )
    employer.full_clean()
    employer.save()
    EmployerMember.objects.create(employer=employer, user=user)
    user.__dict__.pop("_employer", None)
    audit_record(action="employer.requested", obj=employer, actor=user, to_state="pending")
    email_queue(
        to=staff_emails(),
        template="employer_request_received",
        context={
            "name": employer.name,
            "link": absolute_url("mentorship:staff-employer", employer=employer.public_id),
        },
    )
    return employer


@transaction.atomic
def employer_approve(*, employer: Employer, actor: User) -> Employer:
    employer_transition(
        employer=employer,
        to_state=EmployerStatus.APPROVED,
        actor=actor,
        updates={"decided_by": actor},
    )
    email_queue(
        to=[employer.requested_by.email],
        template="employer_approved",
        context={"name": employer.name, "link": absolute_url("mentorship:employer-directory")},
    )
    return employer


@transaction.atomic
def employer_decline(*, employer: Employer, actor: User, reason: str) -> Employer:
    reason = reason_required(
        reason, missing="Tell the company why, so they know what to do next.", limit=1000
    )
    employer_transition(
        employer=employer,
        to_state=EmployerStatus.DECLINED,
        actor=actor,
        reason=reason,
        updates={"decided_by": actor, "decline_reason": reason},
    )
    email_queue(
        to=[employer.requested_by.email],
        template="employer_declined",
        context={"name": employer.name, "reason": reason},
    )
    return employer


@transaction.atomic
def employer_invite(*, employer: Employer, actor: User, email: str) -> EmployerInvitation:
    """A member of an approved employer invites a colleague by email."""
    if not actor.has_perm("mentorship.browse_graduates"):
        raise PermissionDenied("Only members of an approved employer invite colleagues.")
    email = (email or "").strip().lower()
    invitation = EmployerInvitation(employer=employer, email=email, invited_by=actor)
    invitation.full_clean(exclude=["invited_by", "employer"])
    if EmployerMember.objects.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": "This person already acts for an employer."})
    invitation.save()
    audit_record(action="employer.invited", obj=employer, actor=actor, data={"email": email})
    email_queue(
        to=[email],
        template="employer_invitation",
        context={
            "name": employer.name,
            "inviter": actor.name or actor.email,
            "link": absolute_url("mentorship:employer-join", invitation=invitation.public_id),
        },
    )
    return invitation


@transaction.atomic
def employer_invitation_accept(*, invitation: EmployerInvitation, user: User) -> EmployerMember:
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation was already used.")
    if invitation.email.lower() != (user.email or "").lower():
        raise PermissionDenied("This invitation was sent to another address.")
    if EmployerMember.objects.filter(user=user).exists():
        raise ValidationError("You already act for an employer on this platform.")
    member = EmployerMember.objects.create(employer=invitation.employer, user=user)
    EmployerInvitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    audit_record(action="employer.joined", obj=invitation.employer, actor=user)
    return member
