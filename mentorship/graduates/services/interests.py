"""Interest requests from employers to graduates (limited per day), blocks and abuse reports."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.transitions import reason_required, state_transition
from mentorship.graduates import selectors
from mentorship.graduates.models import (
    Employer,
    EmployerBlock,
    GraduateProfile,
    InterestRequest,
    InterestStatus,
)

INTEREST_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (InterestStatus.PENDING, InterestStatus.ACCEPTED): "decided_at",
    (InterestStatus.PENDING, InterestStatus.DECLINED): "decided_at",
}


# How many interest requests one employer may send in 24 hours (all its colleagues).
INTEREST_DAILY_LIMIT = 20


def staff_emails() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


INTEREST_REFUSALS = {
    InterestStatus.ACCEPTED: "You already accepted this request.",
    InterestStatus.DECLINED: "You already answered “not now” to this request.",
}


@transaction.atomic
def interest_transition(
    *, interest: InterestRequest, to_state: str, actor: User | None
) -> InterestRequest:
    """Moves an interest request along INTEREST_TRANSITIONS (compare-and-set, audited)."""
    return state_transition(
        obj=interest,
        to_state=to_state,
        actor=actor,
        transitions=INTEREST_TRANSITIONS,
        refusals=INTEREST_REFUSALS,
        field="status",
        action=f"interest.{to_state}",
    )


@transaction.atomic
def interest_send(
    *, employer: Employer, actor: User, profile: GraduateProfile, message: str
) -> InterestRequest:
    """An approved employer's short message to a graduate who consented and did not block
    it; at most INTEREST_DAILY_LIMIT per employer per 24 hours. The graduate is told by
    email."""
    if not actor.has_perm("mentorship.send_interest", profile):
        raise PermissionDenied("Only approved employers write to graduates.")
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "Write a short message: who you are and why."})
    if len(message) > 1000:
        raise ValidationError({"message": "Use at most 1000 characters."})
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    if not selectors.visible_profiles(employer=employer).filter(pk=profile.pk).exists():
        raise ValidationError("This graduate's profile is no longer shown.")
    since = timezone.now() - timedelta(days=1)
    if (
        InterestRequest.objects.filter(employer=employer, created_at__gte=since).count()
        >= INTEREST_DAILY_LIMIT
    ):
        raise ValidationError(
            f"Your company has sent {INTEREST_DAILY_LIMIT} requests in the last 24 hours, "
            "the most it may. Try again tomorrow."
        )
    if InterestRequest.objects.filter(
        employer=employer, profile=profile, status=InterestStatus.PENDING
    ).exists():
        raise ValidationError("Your company already wrote to this graduate; wait for the answer.")
    interest = InterestRequest.objects.create(
        employer=employer, profile=profile, sent_by=actor, message=message
    )
    audit_record(action="interest.sent", obj=interest, actor=actor, to_state="pending")
    email_queue(
        to=[profile.user.email],
        template="interest_received",
        context={
            "employer": employer.name,
            "message": message,
            "link": absolute_url("mentorship:me-graduate-interests"),
        },
    )
    return interest


@transaction.atomic
def interest_answer(*, interest: InterestRequest, actor: User, accept: bool) -> InterestRequest:
    """The graduate accepts (the employer then sees their contact email) or declines (the
    employer reads only “not now”)."""
    if interest.profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate answers.")
    to_state = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest_transition(interest=interest, to_state=to_state, actor=actor)
    if accept:
        email_queue(
            to=[interest.sent_by.email],
            template="interest_accepted",
            context={
                "graduate": interest.profile.display_name,
                "email": actor.email,
                "link": absolute_url("mentorship:employer-interests"),
            },
        )
    return interest


@transaction.atomic
def employer_block(*, profile: GraduateProfile, employer: Employer, actor: User) -> None:
    """The graduate blocks an employer: it no longer finds them, and its pending requests
    are closed as “not now”."""
    if profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate blocks an employer.")
    EmployerBlock.objects.get_or_create(profile=profile, employer=employer)
    InterestRequest.objects.filter(
        profile=profile, employer=employer, status=InterestStatus.PENDING
    ).update(status=InterestStatus.DECLINED, decided_at=timezone.now())
    audit_record(
        action="employer.blocked", obj=profile, actor=actor, data={"employer": employer.pk}
    )


@transaction.atomic
def interest_report(*, interest: InterestRequest, actor: User, reason: str) -> InterestRequest:
    """The graduate reports an interest request to platform staff as abuse."""
    if interest.profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate reports a request they received.")
    reason = reason_required(reason, missing="Say what was wrong, so staff can act.")
    if interest.reported_at is not None:
        raise ValidationError("You already reported this request.")
    InterestRequest.objects.filter(pk=interest.pk).update(
        reported_at=timezone.now(), report_reason=reason
    )
    interest.refresh_from_db()
    audit_record(action="interest.reported", obj=interest, actor=actor, reason=reason)
    email_queue(
        to=staff_emails(),
        template="interest_reported",
        context={
            "employer": interest.employer.name,
            "reason": reason,
            "link": absolute_url("mentorship:staff-employer", employer=interest.employer.public_id),
        },
    )
    return interest
