"""The embedded default shows an announcement happening: the demo data holds one queued to
borealis's mentees for two minutes after loading; with no Redis, the real worker and beat of
`make run` (kombu's filesystem transport) send it through the outbox. Here its time is moved
to now, and the periodic sweep, which only beat starts, sends it: the announcement ends
done and the mentee has it in their notifications. SQLite smoke pass, own file and
processes (like tests/test_embedded_schedule.py)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings

from mentorship.announcements.demo import SUBJECT

pytestmark = pytest.mark.smoke

DUE_NOW = f"""
from django.utils import timezone
from django_scopes import scopes_disabled
from mentorship.announcements.models import Announcement
with scopes_disabled():
    assert Announcement.objects.filter(subject={SUBJECT!r}, state="queued").update(
        send_after=timezone.now()
    ) == 1
"""


def _query(db, sql, *params):
    with sqlite3.connect(db, timeout=20) as connection:
        return connection.execute(sql, params).fetchone()


def test_the_demo_announcement_is_sent_by_the_embedded_worker_and_beat(tmp_path):
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
    subprocess.run([sys.executable, "manage.py", "load_demo"], **run)
    subprocess.run([sys.executable, "manage.py", "shell", "-c", DUE_NOW], **run)

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
    state = ""
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            (state,) = _query(
                db, "SELECT state FROM mentorship_announcement WHERE subject = ?", SUBJECT
            )
            if state == "done":
                break
            time.sleep(0.5)
        output = (tmp_path / "celery.log").read_text(errors="replace")
        assert state == "done", output[-4000:]
        assert "mentorship.announcements_sweep" in output
        (notified,) = _query(
            db,
            "SELECT count(*) FROM core_notification n JOIN accounts_user u ON u.id = n.user_id"
            " WHERE u.email = 'mentee@example.org' AND n.title LIKE ?",
            f"%{SUBJECT}%",
        )
        assert notified == 1
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
