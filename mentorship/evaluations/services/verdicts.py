"""Verdicts on checkpoints (pass, fail, extend) and an admin's correction of one; the
mentorship row is locked first (see checkpoints.py for the rules of the whole slice)."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from core.transitions import reason_required
from mentorship.certificates.services import certificate_revoke, mentorship_graduate
from mentorship.evaluations.models import (
    Evaluation,
    EvaluationVerdict,
    Verdict,
)
from mentorship.evaluations.services.checkpoints import (
    DATE_FIELDS,
    EVALUATION_REFUSALS,
    MAX_EXTENSION_WEEKS,
    RATINGS,
    E,
    K,
    evaluation_transition,
    opens_at,
)
from mentorship.mentorships.emails import mentorship_notify
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.mentorships.services import mentorship_transition
from mentorship.signals import checkpoint_failed, checkpoint_passed


def rating_value(name: str, value) -> int:
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
    progress = rating_value("progress", progress)
    communication = rating_value("communication", communication)
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
    reason = reason_required(reason, missing="Say why the verdict is corrected.")
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
