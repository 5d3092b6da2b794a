from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.organizations.models import Organization
from accounts.people.models import User
from core.tenancy import cross_tenant
from mentorship.evaluations.models import (
    Evaluation,
    EvaluationState,
    MenteeFeedback,
)
from mentorship.mentorships.models import Mentorship

OPENS_BEFORE = timedelta(days=7)  # a checkpoint opens a week before it is due


def evaluation_opens_at(evaluation: Evaluation) -> datetime:
    return evaluation.due_at - OPENS_BEFORE


def mentorship_evaluations(*, mentorship: Mentorship, now: datetime | None = None) -> list:
    """The mentorship's checkpoints in order, each with `opens_at`, `is_open` (takes a
    verdict now), `is_overdue` and its verdicts (history, corrections kept)."""
    now = now or timezone.now()
    rows = list(
        Evaluation.objects.filter(mentorship=mentorship)
        .prefetch_related("verdicts__given_by")
        .order_by("week", "id")
    )
    decided_weeks = [r.week for r in rows if r.state != EvaluationState.PENDING]
    for row in rows:
        row.opens_at = evaluation_opens_at(row)
        pending = row.state == EvaluationState.PENDING
        # An optional checkpoint is skipped once a later one has its verdict or the
        # mentorship is over; it then takes no verdict.
        row.is_skipped = pending and (
            mentorship.state != "active"
            or (not row.required and any(week > row.week for week in decided_weeks))
        )
        row.is_open = (
            pending and not row.is_skipped and row.opens_at <= now and mentorship.state == "active"
        )
        # An optional checkpoint may be skipped: only a required one is ever overdue.
        row.is_overdue = (
            pending and row.required and row.due_at < now and mentorship.state == "active"
        )
    return rows


def evaluation_get(*, organization: Organization, mentorship: Mentorship, public_id) -> Evaluation:
    evaluation = (
        Evaluation.objects.filter(
            organization=organization, mentorship=mentorship, public_id=public_id
        )
        .select_related("mentorship")
        .first()
    )
    if evaluation is None:
        raise Http404("No such evaluation.")
    return evaluation


def feedback_opens_at(mentorship: Mentorship, kind: str) -> datetime:
    """The mentee's midterm or final feedback opens with its checkpoint."""
    due = mentorship.midterm_at if kind == "midterm" else mentorship.final_at
    return due - OPENS_BEFORE


def mentorship_feedback(*, mentorship: Mentorship) -> list[MenteeFeedback]:
    return list(MenteeFeedback.objects.filter(mentorship=mentorship))


def organization_evaluations(*, organization: Organization) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(organization=organization).select_related("mentorship")


@cross_tenant
def mentee_feedback(*, user: User) -> list[MenteeFeedback]:
    """The person's own feedback as a mentee, in every organization (filtered by the
    mentee)."""
    return list(MenteeFeedback.objects.select_related("mentorship").filter(mentorship__mentee=user))
