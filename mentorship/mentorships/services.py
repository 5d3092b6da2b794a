"""Mentorships: started by a confirmed offer, ended by an admin with a reason. Later
features move them to graduated or failed through `mentorship_transition`, the only code
that changes `Mentorship.state` (compare-and-set, audited)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.people.models import User
from applications.decisions.models import Offer
from core.audit.services import audit_record
from core.transitions import reason_required, state_transition
from mentorship.mentorships.emails import mentorship_notify
from mentorship.mentorships.models import Mentorship, MentorshipMentor, MentorshipState

M = MentorshipState

MENTORSHIP_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (M.ACTIVE, M.GRADUATED): None,
    (M.ACTIVE, M.FAILED): None,
    (M.ACTIVE, M.ENDED): "ended_at",
    # An admin's correction of an evaluation verdict (mentorship.evaluations.services):
    # a corrected final pass fails a graduate; a corrected fail makes it active again.
    (M.GRADUATED, M.FAILED): None,
    (M.FAILED, M.ACTIVE): None,
}

MENTORSHIP_REFUSALS = {
    M.ACTIVE: "This mentorship is active.",
    M.GRADUATED: "This mentorship already ended: the mentee graduated.",
    M.FAILED: "This mentorship already ended: an evaluation failed.",
    M.ENDED: "This mentorship was already ended by an admin.",
}


@transaction.atomic
def mentorship_start(*, offer: Offer, actor: User | None) -> Mentorship:
    """Turns a confirmed offer into an active mentorship: the term's mentors (copied, so a
    later change of the term's mentors does not change who mentors this mentee) and the
    term's dates (copied, so an extension moves only this mentee)."""
    application = offer.application
    term = application.term
    milestones = {m.kind: m.at for m in term.milestones.all()}
    mentorship = Mentorship.objects.create(
        organization_id=application.organization_id,
        application=application,
        term=term,
        mentee=application.applicant,
        starts_at=milestones.get("term_start", term.starts_at),
        evaluation_1_at=milestones.get("evaluation_1"),
        midterm_at=milestones["midterm"],
        evaluation_3_at=milestones.get("evaluation_3"),
        final_at=milestones["final"],
        ends_at=milestones.get("term_end", term.ends_at),
    )
    MentorshipMentor.objects.bulk_create(
        MentorshipMentor(
            organization_id=application.organization_id,
            mentorship=mentorship,
            user_id=mentor.user_id,
            is_primary=mentor.is_primary,
        )
        for mentor in term.mentors.all()
    )
    audit_record(
        action="mentorship.active",
        obj=mentorship,
        actor=actor,
        organization=application.organization,
        to_state=M.ACTIVE,
        reason="The mentee confirmed the offer",
    )
    return mentorship


@transaction.atomic
def mentorship_transition(
    *, mentorship: Mentorship, to_state: str, actor: User | None, reason: str = "", updates=None
) -> Mentorship:
    """Moves a mentorship along MENTORSHIP_TRANSITIONS (compare-and-set, audited)."""
    return state_transition(
        obj=mentorship,
        to_state=to_state,
        actor=actor,
        transitions=MENTORSHIP_TRANSITIONS,
        refusals=MENTORSHIP_REFUSALS,
        reason=reason,
        updates=updates,
    )


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, actor: User | None, reason: str) -> Mentorship:
    """An admin ends an active mentorship (e.g. non-performance), with a reason; the mentee
    and the mentors are told."""
    if actor is not None and not actor.has_perm("mentorship.end_mentorship", mentorship):
        raise PermissionDenied("Only the organization's admins end mentorships.")
    reason = reason_required(reason, missing="Say why the mentorship ends; the mentee sees it.")
    mentorship = mentorship_transition(
        mentorship=mentorship,
        to_state=M.ENDED,
        actor=actor,
        reason=reason,
        updates={"end_reason": reason},
    )
    mentorship_notify(
        mentorship=mentorship,
        subject="the mentorship was ended",
        message=f"An admin ended the mentorship of {mentorship.mentee.name}. Reason: {reason}",
    )
    return mentorship
