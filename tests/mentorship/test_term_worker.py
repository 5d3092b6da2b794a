"""The evaluation reminder sweep through a real Celery worker on Redis: registered under its
name and in the beat schedule, runs unscoped in the worker and enters each checkpoint's
organization, and sends once."""

from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from django_scopes import scopes_disabled

from config.celery import app
from mentorship.evaluations.models import Evaluation, EvaluationReminder
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.worker


@pytest.fixture
def celery_worker():
    import celery.contrib.testing.tasks  # noqa: F401  (registers the ping task)

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


def test_the_beat_schedule_runs_the_evaluation_reminders():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "mentorship.remind_evaluations" in tasks


@pytest.mark.django_db(transaction=True)
def test_a_worker_reminds_mentors_of_an_open_checkpoint_once(org_a, celery_worker):
    from mentorship.evaluations.tasks import remind_evaluations

    mentorship = confirmed_mentorship(org_a)
    with scopes_disabled():
        Evaluation.objects.filter(mentorship=mentorship, kind="midterm").update(
            due_at=timezone.now() + timedelta(days=2)
        )
    assert remind_evaluations.delay().get(timeout=30) == 1
    assert remind_evaluations.delay().get(timeout=30) == 0
    with scopes_disabled():
        assert EvaluationReminder.objects.filter(evaluation__mentorship=mentorship).count() == 1
