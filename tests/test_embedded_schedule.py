"""The embedded default runs the schedule: with no Redis, `make run` starts a real Celery worker
and beat on kombu's filesystem transport (CELERY_EMBEDDED_DIR), and a periodic job goes
through it end to end. Here: an outbox row whose task was lost (queued, overdue, no message
in the broker) is sent by `core.outbox_sweep`, which only beat starts. Runs in the SQLite
smoke pass of `make test` (marked smoke); it uses its own SQLite file and processes."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings

pytestmark = pytest.mark.smoke

LOST_ROW = """
from datetime import timedelta
from django.utils import timezone
from core.outbox.models import OutboxEmail
OutboxEmail.objects.create(
    to="mentee@example.org", subject="Lost task", text_body="Sent by the sweep.",
    next_attempt_at=timezone.now() - timedelta(hours=1),
)
"""


def _row_state(db) -> str:
    with sqlite3.connect(db, timeout=20) as connection:
        row = connection.execute(
            "SELECT state FROM core_outboxemail WHERE subject = 'Lost task'"
        ).fetchone()
    return row[0] if row else ""


def test_beat_and_worker_run_a_periodic_job_on_the_filesystem_broker(tmp_path):
    db = tmp_path / "embedded.sqlite3"
    folder = tmp_path / "celery"
    for name in ("queue", "control", "results"):
        (folder / name).mkdir(parents=True)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{db}",
        "REDIS_URL": "",
        "CELERY_EMBEDDED_DIR": str(folder),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    run = {"cwd": settings.BASE_DIR, "env": env, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([sys.executable, "manage.py", "shell", "-c", LOST_ROW], **run)
    assert _row_state(db) == "queued"
    assert not list((folder / "queue").iterdir())  # no message: only beat can send it

    celery = [sys.executable, "-m", "celery"]
    started = {"cwd": settings.BASE_DIR, "env": env, "start_new_session": True}
    log = open(tmp_path / "celery.log", "wb")  # noqa: SIM115  (closed below)
    processes = [
        subprocess.Popen(
            [*celery, "-A", "config", "worker", "--concurrency=1", "--loglevel=INFO"],
            stdout=log,
            stderr=subprocess.STDOUT,
            **started,
        ),
        subprocess.Popen(
            [
                *celery,
                "-A",
                "tests.embedded_beat",
                "beat",
                "--loglevel=INFO",
                f"--schedule={folder / 'beat-schedule'}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            **started,
        ),
    ]
    try:
        deadline = time.monotonic() + 90
        while _row_state(db) != "sent" and time.monotonic() < deadline:
            time.sleep(0.5)
        output = (tmp_path / "celery.log").read_text(errors="replace")
        assert _row_state(db) == "sent", output[-4000:]
        assert "core.outbox_sweep" in output
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()
