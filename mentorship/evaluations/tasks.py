"""Thin Celery tasks of the evaluations slice: the reminder sweep finds checkpoints to
remind across organizations (`@cross_tenant` selector returning ids) and hands each to a
`TenantTask` in its own transaction (`core.tasks.sweep_each`). Safe to run twice: every
reminder is claimed in a unique sent-log row."""

from celery import shared_task
from django.utils import timezone

from core.tasks import TenantTask, sweep_each
from mentorship.evaluations.models import Evaluation
from mentorship.evaluations.selectors import evaluations_to_remind
from mentorship.evaluations.services import evaluation_remind


@shared_task(base=TenantTask, name="mentorship.remind_evaluation")
def remind_evaluation(*, organization_id: int, evaluation_id: int, kind: str) -> int:
    evaluation = (
        Evaluation.objects.select_related(
            "mentorship__mentee", "mentorship__term__program", "mentorship__organization"
        )
        .filter(pk=evaluation_id)
        .first()
    )
    if evaluation is None:
        return 0
    return int(evaluation_remind(evaluation=evaluation, kind=kind))


@shared_task(name="mentorship.remind_evaluations")
def remind_evaluations() -> int:
    """Mentors are reminded when a required checkpoint opens without a verdict; when it
    is past due, the mentors and the organization's admins. Returns how many were sent."""
    return sweep_each(remind_evaluation, evaluations_to_remind(now=timezone.now()))
