"""A matching run whose worker is killed mid-run (SIGKILL) is delivered again to another
worker (acks_late, reject_on_worker_lost, a short Redis visibility timeout), picked up as
its second attempt and finished once. Real workers, as separate processes.

To kill the first worker at a known point, the test holds an exclusive lock on the rank
lists' table, which the run reads while freezing its inputs (after claiming its first
attempt): the worker waits there until it is killed."""

import time

import psycopg2
import pytest
from django.db import connection
from django_scopes import scopes_disabled

from config.celery import app
from core.audit.models import AuditEvent
from mentorship.runs.models import MatchRun, ProposedPlacement, RunStatus
from mentorship.runs.services.runs import match_run_start
from tests.mentorship.test_runs import World
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _run(pk) -> MatchRun:
    return MatchRun.objects.get(pk=pk)


def test_a_run_whose_worker_is_killed_is_finished_once_by_another(org_a, org_b, workers):
    world = World(org_a, org_b)
    run = match_run_start(cycle=world.cycle, actor=None, enqueue=False)
    name = connection.settings_dict["NAME"]
    blocker = psycopg2.connect(dbname=name, user="postgres", host="127.0.0.1")
    try:
        with blocker.cursor() as cursor:
            cursor.execute("LOCK TABLE applications_termranklist IN ACCESS EXCLUSIVE MODE")
        first = workers.start("first", database=True)
        app.send_task("mentorship.execute_match_run", args=[run.pk])
        assert wait_for(lambda: _run(run.pk).attempts == 1, 60), "never started"
        time.sleep(1)
        assert _run(run.pk).status == RunStatus.RUNNING
        workers.kill(first)
        blocker.rollback()
    finally:
        blocker.close()
    workers.wait_past_visibility_timeout()
    workers.start("second", database=True)
    assert wait_for(lambda: _run(run.pk).status == RunStatus.SUCCEEDED, 90), _run(run.pk)
    finished = _run(run.pk)
    assert finished.attempts == 2
    assert finished.counts["matched"] == 2
    with scopes_disabled():
        assert ProposedPlacement.objects.filter(run=finished).count() == 2
        assert AuditEvent.objects.filter(action="match_run.succeeded").count() == 1
