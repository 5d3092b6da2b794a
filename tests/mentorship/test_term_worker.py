"""The reminder sweep (core.reminders) through a real Celery worker on Redis: registered under its
name and in the beat schedule, runs unscoped in the worker and enters each checkpoint's
organization, and sends once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from config.celery import app
from core.reminders.models import ReminderClaim
from mentorship.evaluations.models import Evaluation
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.worker


def test_the_beat_schedule_runs_the_evaluation_reminders():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "core.reminders_sweep" in tasks


@pytest.mark.django_db(transaction=True)
def test_a_worker_reminds_mentors_of_an_open_checkpoint_once(org_a, celery_worker):
    from core.reminders.tasks import reminders_sweep

    mentorship = confirmed_mentorship(org_a)
    with scopes_disabled():
        Evaluation.objects.filter(mentorship=mentorship, kind="midterm").update(
            due_at=timezone.now() + timedelta(days=2)
        )
    assert reminders_sweep.apply_async(ignore_result=False).get(timeout=30) == 1
    assert reminders_sweep.apply_async(ignore_result=False).get(timeout=30) == 0
    with scopes_disabled():
        midterm = Evaluation.objects.get(mentorship=mentorship, kind="midterm")
    claims = ReminderClaim.objects.filter(subject__startswith=f"evaluation:{midterm.pk}@")
    assert list(claims.values_list("rule", flat=True)) == ["mentorship.evaluation_due_in_a_week"]
