"""A real Celery worker on Redis: proves the broker wiring, JSON serialization and that
work enqueued inside a transaction runs only after the commit."""

import time

import pytest
from django.core.cache import cache
from django.db import transaction

from config.celery import app
from core.tasks import enqueue_on_commit
from tests.worker_tasks import echo

pytestmark = pytest.mark.worker


def test_settings_make_tasks_safe_to_redeliver():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.broker_transport_options["visibility_timeout"] >= 3600
    assert "platform-heartbeat" in app.conf.beat_schedule


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_task_through_redis(celery_worker):
    assert app.conf.broker_url.startswith("redis://")
    assert (
        echo.apply_async(["through the broker"], ignore_result=False).get(timeout=20)
        == "through the broker"
    )


@pytest.mark.django_db(transaction=True)
def test_task_enqueued_in_a_transaction_runs_after_commit(celery_worker):
    with transaction.atomic():
        enqueue_on_commit(echo, "after-commit")
        time.sleep(0.5)
        assert cache.get("echo:after-commit") is None  # not sent before the commit
    deadline = time.monotonic() + 20
    while cache.get("echo:after-commit") is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert cache.get("echo:after-commit") == "after-commit"


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_enqueues_nothing(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(echo, "rolled-back")
        raise RuntimeError
    time.sleep(1)
    assert cache.get("echo:rolled-back") is None
