"""A reminder sweep whose worker is killed mid-send (SIGKILL after it queued an email, before
its batch committed) leaves nothing claimed; the task is redelivered to another worker, which
sends every reminder, each once. Real workers on Redis and PostgreSQL."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery import app
from core.outbox.models import OutboxEmail
from core.reminders.models import ReminderClaim
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _start_worker(name: str) -> subprocess.Popen:
    database = settings.DATABASES["default"]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "TEST_RUN_ID": settings.RUN_ID,  # same broker key prefix as this process
        "CELERY_VISIBILITY_TIMEOUT": "3",
        # The test database this process made (its rows are committed: transaction=True).
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--include",
            "tests.worker_tasks",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--hostname",
            f"{name}@%h",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_sweep_killed_mid_send_is_redone_once_by_another_worker(org_a):
    assert connection.vendor == "postgresql"
    program = ProgramFactory(organization=org_a.organization)
    term = make_term(program, CycleFactory())
    drafts = [ApplicationFactory(term=term, state="draft") for _ in range(3)]
    now = term.applications_close_at - timedelta(hours=2)
    client = redis.Redis.from_url(settings.REDIS_URL)
    key = f"reminders-killed-{uuid.uuid4()}"
    first = _start_worker("first")
    second = None
    try:
        app.send_task("tests.reminder_sweep_killable", args=[key, now.isoformat()])
        assert _wait_for(lambda: client.get(f"{key}:queued") == b"1", 90), "never sent"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        # Killed inside the batch's transaction: PostgreSQL rolled it back.
        assert ReminderClaim.objects.count() == 0
        assert OutboxEmail.objects.filter(subject__contains="applications close").count() == 0
        time.sleep(4)  # the visibility timeout (3 s here) before the task is redelivered
        second = _start_worker("second")
        assert _wait_for(lambda: client.get(f"{key}:done") is not None, 90), "not redelivered"
        assert int(client.get(f"{key}:attempts")) == 2
        assert int(client.get(f"{key}:done")) == 3
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(10)
    for draft in drafts:
        assert OutboxEmail.objects.filter(to=draft.applicant.email).count() == 1
    assert OutboxEmail.objects.filter(topic__startswith="reminder:").count() == 3
