"""Writes of the graduates slice: a graduate's profile and consent, employer accounts,
interest requests, blocks, abuse reports and endorsements. Email only for now (in-app
notifications are not built yet)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.tenancy import cross_tenant
from core.transitions import state_transition
from mentorship.graduates import selectors
from mentorship.graduates.models import (
    Employer,
    EmployerBlock,
    EmployerInvitation,
    EmployerMember,
    EmployerStatus,
    Endorsement,
    GraduateCompletion,
    GraduateProfile,
    InterestRequest,
    InterestStatus,
)
from mentorship.mentorships.models import Mentorship, MentorshipState

# How many interest requests one employer may send in 24 hours (all its colleagues).
INTEREST_DAILY_LIMIT = 20

PROFILE_FIELDS = (
    "display_name",
    "headline",
    "skills",
    "project_summary",
    "links",
    "open_to_work",
    "country",
    "remote",
    "show_skills",
    "show_project",
    "show_links",
    "show_availability",
    "visibility",
)


def _staff_emails() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


# --- profiles and consent -------------------------------------------------------------------


def _refresh_search(profile: GraduateProfile) -> None:
    """Copies the letters of completion onto the profile and rewrites the stored search
    vector and filter columns (one UPDATE)."""
    certificates = selectors.graduate_certificates(user=profile.user)
    GraduateCompletion.objects.filter(profile=profile).exclude(
        verification_id__in=[c["verification_id"] for c in certificates]
    ).delete()
    for certificate in certificates:
        GraduateCompletion.objects.update_or_create(
            profile=profile,
            verification_id=certificate["verification_id"],
            defaults={k: v for k, v in certificate.items() if k != "verification_id"},
        )
    programs = " | ".join(c["program_name"] for c in certificates)
    organizations = " | ".join(c["organization_name"] for c in certificates)
    updates = {
        "program_names": programs.lower(),
        "organization_names": organizations.lower(),
        "years": "|" + "|".join(sorted({str(c["year"]) for c in certificates})) + "|",
    }
    GraduateProfile.objects.filter(pk=profile.pk).update(**updates)
    if selectors._uses_postgres():
        from django.contrib.postgres.search import SearchVector
        from django.db.models import Value

        skills = profile.skills if profile.show_skills else ""
        project = profile.project_summary if profile.show_project else ""
        GraduateProfile.objects.filter(pk=profile.pk).update(
            search_vector=SearchVector(Value(profile.display_name), weight="A", config="english")
            + SearchVector(Value(f"{profile.headline} {skills}"), weight="A", config="english")
            + SearchVector(Value(f"{programs} {organizations}"), weight="B", config="english")
            + SearchVector(Value(project), weight="C", config="english")
        )
    for name, value in updates.items():
        setattr(profile, name, value)


@transaction.atomic
def profile_save(*, user: User, **fields) -> GraduateProfile:
    """Creates or changes a graduate's profile. Only a person with a graduated mentorship
    (and a letter of completion that is not revoked) has one. Saving does not publish."""
    if not selectors.graduate_certificates(user=user):
        raise PermissionDenied("Only graduates of a mentorship make a profile.")
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    profile = GraduateProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    if created:
        profile = GraduateProfile(user=user, display_name=user.name or user.email.split("@")[0])
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.country = (profile.country or "").strip().upper()
    if profile.country and (len(profile.country) != 2 or not profile.country.isalpha()):
        raise ValidationError({"country": "Use the two-letter country code, like DE or BR."})
    for line in profile.link_list():
        if not line.startswith(("https://", "http://")):
            raise ValidationError({"links": f"“{line[:80]}” is not a web address (https://…)."})
    profile.full_clean(exclude=["user"])
    profile.save()
    _refresh_search(profile)
    audit_record(
        action="graduate_profile.created" if created else "graduate_profile.updated",
        obj=profile,
        actor=user,
        data={"fields": sorted(fields)},
    )
    return profile


@transaction.atomic
def profile_publish(*, profile: GraduateProfile, actor: User) -> GraduateProfile:
    """The graduate's explicit consent: the profile appears to approved employers (and to
    everyone if public)."""
    if profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate publishes their profile.")
    if profile.published_at is not None:
        return profile
    _refresh_search(profile)
    if not profile.completions.exists():
        raise ValidationError("A profile needs at least one completed mentorship to be shown.")
    profile.published_at = timezone.now()
    GraduateProfile.objects.filter(pk=profile.pk).update(published_at=profile.published_at)
    audit_record(
        action="graduate_profile.published",
        obj=profile,
        actor=actor,
        data={"visibility": profile.visibility},
    )
    return profile


@transaction.atomic
def profile_withdraw(*, profile: GraduateProfile, actor: User) -> GraduateProfile:
    """Consent withdrawn: the profile leaves every listing at once (every list filters on
    `published_at`). Its pending interest requests are closed as “not now”."""
    if profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate withdraws their profile.")
    GraduateProfile.objects.filter(pk=profile.pk).update(published_at=None)
    profile.published_at = None
    InterestRequest.objects.filter(profile=profile, status=InterestStatus.PENDING).update(
        status=InterestStatus.DECLINED, decided_at=timezone.now()
    )
    audit_record(action="graduate_profile.withdrawn", obj=profile, actor=actor)
    return profile


# --- employer accounts ----------------------------------------------------------------------

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
        to=_staff_emails(),
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
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Tell the company why, so they know what to do next."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "Use at most 1000 characters."})
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


# --- interest requests, blocks and reports --------------------------------------------------

INTEREST_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (InterestStatus.PENDING, InterestStatus.ACCEPTED): "decided_at",
    (InterestStatus.PENDING, InterestStatus.DECLINED): "decided_at",
}
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
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say what was wrong, so staff can act."})
    if len(reason) > 2000:
        raise ValidationError({"reason": "Use at most 2000 characters."})
    if interest.reported_at is not None:
        raise ValidationError("You already reported this request.")
    InterestRequest.objects.filter(pk=interest.pk).update(
        reported_at=timezone.now(), report_reason=reason
    )
    interest.refresh_from_db()
    audit_record(action="interest.reported", obj=interest, actor=actor, reason=reason)
    email_queue(
        to=_staff_emails(),
        template="interest_reported",
        context={
            "employer": interest.employer.name,
            "reason": reason,
            "link": absolute_url("mentorship:staff-employer", employer=interest.employer.public_id),
        },
    )
    return interest


# --- endorsements ---------------------------------------------------------------------------


@cross_tenant
def _graduated_mentorship(*, mentor: User, public_id) -> Mentorship | None:
    """Cross-tenant because a mentor endorses from their own page, outside an organization;
    filtered by the mentorship's id and by the mentor being one of its mentors."""
    return (
        Mentorship.objects.filter(
            public_id=public_id, state=MentorshipState.GRADUATED, mentors__user=mentor
        )
        .select_related("mentee", "term__program")
        .first()
    )


@transaction.atomic
def endorsement_write(*, mentor: User, mentorship_public_id, text: str) -> Endorsement:
    """A mentor of a graduated mentorship writes a short endorsement; it shows on the
    graduate's profile once they accept it."""
    mentorship = _graduated_mentorship(mentor=mentor, public_id=mentorship_public_id)
    if mentorship is None:
        raise PermissionDenied("Only a mentor of a graduated mentorship endorses its mentee.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write a sentence or two about the mentee's work."})
    if len(text) > 1000:
        raise ValidationError({"text": "Use at most 1000 characters."})
    endorsement, _ = Endorsement.objects.update_or_create(
        mentor=mentor,
        mentorship_id_public=mentorship.public_id,
        defaults={
            "graduate": mentorship.mentee,
            "mentor_name": mentor.name or mentor.email,
            "program_name": mentorship.term.program.name,
            "text": text,
            "accepted_at": None,
        },
    )
    audit_record(action="endorsement.written", obj=endorsement, actor=mentor)
    email_queue(
        to=[mentorship.mentee.email],
        template="endorsement_received",
        context={
            "mentor": endorsement.mentor_name,
            "link": absolute_url("mentorship:me-graduate-profile"),
        },
    )
    return endorsement


@transaction.atomic
def endorsement_accept(*, endorsement: Endorsement, actor: User, accept: bool = True) -> None:
    """The graduate accepts an endorsement (it shows) or removes it."""
    if endorsement.graduate_id != actor.pk:
        raise PermissionDenied("Only the graduate accepts an endorsement.")
    if accept:
        Endorsement.objects.filter(pk=endorsement.pk).update(accepted_at=timezone.now())
        audit_record(action="endorsement.accepted", obj=endorsement, actor=actor)
    else:
        audit_record(action="endorsement.removed", obj=endorsement, actor=actor)
        endorsement.delete()
