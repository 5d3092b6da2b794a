"""Evaluations: checkpoints generated from a mentorship's own dates, verdicts (pass, fail,
extend), the mentee's feedback and an admin's correction of a verdict.

`evaluation_transition` is the only code that changes `Evaluation.state` (compare-and-set,
audited). A verdict locks the mentorship row first, so two mentors answering at once give
one verdict, and an extension moves each date once."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from core.transitions import state_transition
from mentorship.certificates.services import certificate_revoke, mentorship_graduate
from mentorship.evaluations.models import (
    Evaluation,
    EvaluationKind,
    EvaluationState,
    EvaluationVerdict,
    FeedbackKind,
    MenteeFeedback,
    Verdict,
)
from mentorship.evaluations.selectors import OPENS_BEFORE, feedback_opens_at
from mentorship.mentorships.emails import mentorship_notify
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.mentorships.services import mentorship_transition
from mentorship.signals import checkpoint_failed, checkpoint_passed
from programs.terms.models import TermKind

E = EvaluationState
K = EvaluationKind

# The checkpoints of each kind of term: (kind, week, required). Full-time: weeks 3, 6, 9,
# 12; part-time: 6, 12, 18, 24. The midterm and the final are required.
CHECKPOINTS: dict[str, list[tuple[str, int, bool]]] = {
    TermKind.FULL_TIME: [
        (K.EVALUATION_1, 3, False),
        (K.MIDTERM, 6, True),
        (K.EVALUATION_3, 9, False),
        (K.FINAL, 12, True),
    ],
    TermKind.PART_TIME: [
        (K.EVALUATION_1, 6, False),
        (K.MIDTERM, 12, True),
        (K.EVALUATION_3, 18, False),
        (K.FINAL, 24, True),
    ],
}
# The mentorship's own date of each checkpoint (copied from the term's milestones).
DATE_FIELDS = {
    K.EVALUATION_1: "evaluation_1_at",
    K.MIDTERM: "midterm_at",
    K.EVALUATION_3: "evaluation_3_at",
    K.FINAL: "final_at",
}
MAX_EXTENSION_WEEKS = 5  # in total, per mentorship
RATINGS = range(1, 6)

EVALUATION_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (E.PENDING, E.PASSED): "decided_at",
    (E.PENDING, E.FAILED): "decided_at",
    # An admin's correction, with a reason (the corrected verdict is kept).
    (E.PASSED, E.FAILED): "decided_at",
    (E.FAILED, E.PASSED): "decided_at",
}
EVALUATION_REFUSALS = {
    E.PENDING: "This checkpoint has no verdict yet.",
    E.PASSED: "This checkpoint already has a verdict: passed.",
    E.FAILED: "This checkpoint already has a verdict: failed.",
}


def opens_at(evaluation: Evaluation) -> datetime:
    return evaluation.due_at - OPENS_BEFORE


def checkpoint_plan(mentorship: Mentorship) -> list[tuple[str, int, bool, datetime]]:
    """(kind, week, required, due) of each checkpoint the mentorship has: those whose date
    the mentorship holds (a term may drop an optional evaluation)."""
    plan = []
    for kind, week, required in CHECKPOINTS[mentorship.term.kind]:
        due = getattr(mentorship, DATE_FIELDS[kind])
        if due is not None:
            plan.append((kind, week, required, due))
    return plan


@transaction.atomic
def evaluations_create(*, mentorship: Mentorship) -> list[Evaluation]:
    """Creates the mentorship's missing checkpoints from its own dates (safe to run twice:
    one row per checkpoint, by constraint)."""
    have = set(mentorship.evaluations.values_list("kind", flat=True))
    rows = [
        Evaluation(
            organization_id=mentorship.organization_id,
            mentorship=mentorship,
            kind=kind,
            week=week,
            required=required,
            due_at=due,
        )
        for kind, week, required, due in checkpoint_plan(mentorship)
        if kind not in have
    ]
    return Evaluation.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def evaluation_transition(
    *, evaluation: Evaluation, to_state: str, actor: User | None, reason: str = ""
) -> Evaluation:
    """Moves an evaluation along EVALUATION_TRANSITIONS (compare-and-set, audited)."""
    return state_transition(
        obj=evaluation,
        to_state=to_state,
        actor=actor,
        transitions=EVALUATION_TRANSITIONS,
        refusals=EVALUATION_REFUSALS,
        reason=reason,
    )


def _rating(name: str, value) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = 0
    if value not in RATINGS:
        raise ValidationError({name: "Choose a rating from 1 to 5."})
    return value


def _lock(mentorship: Mentorship) -> Mentorship:
    return Mentorship.objects.select_for_update().get(pk=mentorship.pk)


def _extend(*, evaluation: Evaluation, mentorship: Mentorship, weeks: int, actor) -> None:
    """Moves this checkpoint and every later one of this mentorship, and its end, by
    `weeks`; the term and the other mentees keep their dates."""
    delta = timedelta(weeks=weeks)
    later = list(mentorship.evaluations.filter(state=E.PENDING, due_at__gte=evaluation.due_at))
    fields = {"ends_at": F("ends_at") + delta, "extension_weeks": F("extension_weeks") + weeks}
    for row in later:
        fields[DATE_FIELDS[row.kind]] = F(DATE_FIELDS[row.kind]) + delta
    Mentorship.objects.filter(pk=mentorship.pk).update(**fields, updated_at=timezone.now())
    Evaluation.objects.filter(pk__in=[row.pk for row in later]).update(
        due_at=F("due_at") + delta, updated_at=timezone.now()
    )
    audit_record(
        action="mentorship.extended",
        obj=mentorship,
        actor=actor,
        organization=mentorship.organization,
        reason=f"Extended by {weeks} week(s) at the {evaluation.get_kind_display().lower()}",
        data={"weeks": weeks, "moved": [row.kind for row in later]},
    )


@transaction.atomic
def evaluation_verdict(
    *,
    evaluation: Evaluation,
    actor: User | None,
    verdict: str,
    progress,
    communication,
    comment: str = "",
    reason: str = "",
    weeks=0,
    now: datetime | None = None,
) -> EvaluationVerdict:
    """A mentor of the mentorship (or an admin) gives the checkpoint's verdict, with the
    rubric. Pass: the checkpoint passed (the final's pass graduates the mentee). Fail, with
    a reason: the mentorship fails and ends, and the mentee is told. Extend, by whole weeks
    (at most 5 in total per mentorship): this mentorship's remaining dates move and the
    checkpoint waits for another verdict. A checkpoint opens a week before it is due, and
    takes a verdict only after every earlier required one passed."""
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("mentorship.give_verdict", evaluation):
        raise PermissionDenied("Only a mentor of this mentorship or an admin gives verdicts.")
    mentorship = _lock(evaluation.mentorship)
    evaluation.refresh_from_db()
    if mentorship.state != MentorshipState.ACTIVE:
        raise ValidationError(
            f"This mentorship is {mentorship.get_state_display().lower()}: "
            "its evaluations take no more verdicts."
        )
    if evaluation.state != E.PENDING:
        raise ValidationError(EVALUATION_REFUSALS[evaluation.state])
    if now < opens_at(evaluation):
        raise ValidationError(
            f"This checkpoint opens on {opens_at(evaluation):%d %B %Y} (a week before it is due)."
        )
    if (
        not evaluation.required
        and mentorship.evaluations.filter(week__gt=evaluation.week)
        .exclude(state=E.PENDING)
        .exists()
    ):
        raise ValidationError("A later checkpoint already has its verdict: this one is skipped.")
    waiting = mentorship.evaluations.filter(required=True, due_at__lt=evaluation.due_at).exclude(
        state=E.PASSED
    )
    if waiting.exists():
        raise ValidationError(
            f"Give the verdict of the {waiting.first().get_kind_display().lower()} first."
        )
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": "Choose pass, fail or extend."})
    progress = _rating("progress", progress)
    communication = _rating("communication", communication)
    comment = (comment or "").strip()
    reason = (reason or "").strip()
    if len(comment) > 3000:
        raise ValidationError({"comment": "Use at most 3,000 characters."})
    if len(reason) > 2000:
        raise ValidationError({"reason": "Use at most 2,000 characters."})
    if verdict == Verdict.FAIL and not reason:
        raise ValidationError({"reason": "Say why the mentee fails; they will read it."})
    if verdict == Verdict.EXTEND:
        try:
            weeks = int(weeks)
        except (TypeError, ValueError):
            weeks = 0
        left = MAX_EXTENSION_WEEKS - mentorship.extension_weeks
        if weeks < 1:
            raise ValidationError({"weeks": "Extend by at least one whole week."})
        if weeks > left:
            raise ValidationError(
                {
                    "weeks": f"A mentorship is extended by at most {MAX_EXTENSION_WEEKS} "
                    f"weeks in total; this one has {left} left."
                }
            )
    else:
        weeks = 0
    row = EvaluationVerdict.objects.create(
        organization_id=evaluation.organization_id,
        evaluation=evaluation,
        verdict=verdict,
        weeks=weeks,
        reason=reason,
        progress=progress,
        communication=communication,
        comment=comment,
        given_by=actor,
    )
    label = evaluation.get_kind_display().lower()
    if verdict == Verdict.EXTEND:
        _extend(evaluation=evaluation, mentorship=mentorship, weeks=weeks, actor=actor)
        mentorship_notify(
            mentorship=mentorship,
            subject=f"the {label} is extended",
            message=f"The {label} of {mentorship.mentee.name} is extended by {weeks} "
            "week(s); the remaining dates of the mentorship moved with it.",
        )
    elif verdict == Verdict.PASS:
        evaluation_transition(evaluation=evaluation, to_state=E.PASSED, actor=actor)
        checkpoint_passed.send(sender=Evaluation, evaluation=evaluation, actor=actor)
        if evaluation.kind == K.FINAL:
            mentorship_graduate(mentorship=mentorship, actor=actor)
        else:
            mentorship_notify(
                mentorship=mentorship,
                subject=f"the {label} passed",
                message=f"{mentorship.mentee.name} passed the {label}.",
            )
    else:
        evaluation_transition(evaluation=evaluation, to_state=E.FAILED, actor=actor, reason=reason)
        _fail(mentorship=mentorship, actor=actor, reason=reason, label=label, now=now)
    evaluation.refresh_from_db()
    return row


def _fail(*, mentorship: Mentorship, actor, reason: str, label: str, now) -> None:
    mentorship_transition(
        mentorship=mentorship,
        to_state=MentorshipState.FAILED,
        actor=actor,
        reason=reason,
        updates={"end_reason": reason, "ended_at": now or timezone.now()},
    )
    mentorship_notify(
        mentorship=mentorship,
        subject=f"the {label} failed and the mentorship ended",
        message=f"The {label} of {mentorship.mentee.name} failed, so the mentorship ended. "
        f"Reason: {reason}",
    )


@transaction.atomic
def evaluation_correct(
    *, evaluation: Evaluation, actor: User | None, verdict: str, reason: str
) -> EvaluationVerdict:
    """An admin corrects a checkpoint's pass or fail, with a reason; the corrected verdict
    is kept. Correcting to a fail fails the mentorship (and revokes a graduate's
    certificate); correcting a fail to a pass makes the mentorship active again (and a
    final's pass graduates it)."""
    if actor is not None and not actor.has_perm("mentorship.correct_verdict", evaluation):
        raise PermissionDenied("Only the organization's admins correct verdicts.")
    mentorship = _lock(evaluation.mentorship)
    evaluation.refresh_from_db()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the verdict is corrected."})
    if len(reason) > 2000:
        raise ValidationError({"reason": "Use at most 2,000 characters."})
    if verdict not in (Verdict.PASS, Verdict.FAIL):
        raise ValidationError({"verdict": "A correction is a pass or a fail."})
    to_state = E.PASSED if verdict == Verdict.PASS else E.FAILED
    if evaluation.state == E.PENDING:
        raise ValidationError("This checkpoint has no verdict to correct yet.")
    if evaluation.state == to_state:
        raise ValidationError({"verdict": "The checkpoint already has this verdict."})
    if mentorship.state == MentorshipState.ENDED:
        raise ValidationError("An admin ended this mentorship; its verdicts stay as they are.")
    last = evaluation.verdicts.exclude(verdict=Verdict.EXTEND).order_by("-created_at").first()
    row = EvaluationVerdict.objects.create(
        organization_id=evaluation.organization_id,
        evaluation=evaluation,
        verdict=verdict,
        reason=reason,
        progress=last.progress if last else 3,
        communication=last.communication if last else 3,
        comment=last.comment if last else "",
        given_by=actor,
        corrects=last,
    )
    evaluation_transition(evaluation=evaluation, to_state=to_state, actor=actor, reason=reason)
    if to_state == E.PASSED:
        checkpoint_passed.send(sender=Evaluation, evaluation=evaluation, actor=actor)
    else:
        checkpoint_failed.send(sender=Evaluation, evaluation=evaluation, actor=actor)
    label = evaluation.get_kind_display().lower()
    if to_state == E.FAILED:
        if mentorship.state == MentorshipState.GRADUATED:
            certificate = getattr(mentorship, "certificate", None)
            if certificate is not None and certificate.revoked_at is None:
                certificate_revoke(certificate=certificate, actor=None, reason=reason)
        if mentorship.state in (MentorshipState.ACTIVE, MentorshipState.GRADUATED):
            _fail(mentorship=mentorship, actor=actor, reason=reason, label=label, now=None)
    else:
        if mentorship.state == MentorshipState.FAILED:
            mentorship_transition(
                mentorship=mentorship,
                to_state=MentorshipState.ACTIVE,
                actor=actor,
                reason=reason,
                updates={"end_reason": "", "ended_at": None},
            )
            mentorship_notify(
                mentorship=mentorship,
                subject=f"the {label} was corrected to a pass",
                message=f"An admin corrected the {label} to a pass: the mentorship is "
                f"active again. Reason: {reason}",
            )
        if evaluation.kind == K.FINAL and mentorship.state == MentorshipState.ACTIVE:
            mentorship_graduate(mentorship=mentorship, actor=actor)
    return row


@transaction.atomic
def feedback_submit(
    *,
    mentorship: Mentorship,
    mentee: User,
    kind: str,
    mentorship_rating,
    program_rating,
    comments: str = "",
    now: datetime | None = None,
) -> MenteeFeedback:
    """The mentee's own midterm or final feedback about the mentorship and the program,
    once each, from a week before the checkpoint is due. Kept from the mentors."""
    now = now or timezone.now()
    if mentorship.mentee_id != mentee.pk:
        raise PermissionDenied("Only the mentee gives this feedback.")
    if kind not in FeedbackKind.values:
        raise ValidationError({"kind": "Choose the midterm or the final feedback."})
    if mentorship.state == MentorshipState.ENDED:
        raise ValidationError("This mentorship was ended by an admin.")
    opens = feedback_opens_at(mentorship, kind)
    if now < opens:
        raise ValidationError(f"This feedback opens on {opens:%d %B %Y}.")
    mentorship_rating = _rating("mentorship_rating", mentorship_rating)
    program_rating = _rating("program_rating", program_rating)
    comments = (comments or "").strip()
    if len(comments) > 3000:
        raise ValidationError({"comments": "Use at most 3,000 characters."})
    if MenteeFeedback.objects.filter(mentorship=mentorship, kind=kind).exists():
        raise ValidationError("You already gave this feedback: thank you.")
    feedback = MenteeFeedback.objects.create(
        organization_id=mentorship.organization_id,
        mentorship=mentorship,
        kind=kind,
        mentorship_rating=mentorship_rating,
        program_rating=program_rating,
        comments=comments,
    )
    audit_record(
        action="mentorship.feedback",
        obj=mentorship,
        actor=mentee,
        organization=mentorship.organization,
        reason=f"{feedback.get_kind_display()} given",
    )
    return feedback
