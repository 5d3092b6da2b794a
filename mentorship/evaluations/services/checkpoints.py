"""Evaluations: checkpoints generated from a mentorship's own dates, verdicts (pass, fail,
extend), the mentee's feedback and an admin's correction of a verdict.

`evaluation_transition` is the only code that changes `Evaluation.state` (compare-and-set,
audited). A verdict locks the mentorship row first, so two mentors answering at once give
one verdict, and an extension moves each date once.

This module: the checkpoints and their state moves; verdicts.py gives and corrects verdicts,
feedback.py takes the mentee's feedback."""

from datetime import datetime

from django.db import transaction

from accounts.people.models import User
from core.transitions import state_transition
from mentorship.evaluations.models import (
    Evaluation,
    EvaluationKind,
    EvaluationState,
)
from mentorship.evaluations.selectors import OPENS_BEFORE
from mentorship.mentorships.models import Mentorship
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
