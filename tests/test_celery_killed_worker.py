"""acks_late + reject_on_worker_lost + the Redis visibility timeout: a task whose worker
is killed mid-run (SIGKILL, as an OOM kill or a lost machine would) runs again on another
worker."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.conf import settings

from config.celery import app

pytestmark = pytest.mark.worker


def _start_worker(name: str) -> subprocess.Popen:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "TEST_RUN_ID": settings.RUN_ID,  # same broker key prefix as this process
        "CELERY_VISIBILITY_TIMEOUT": "3",
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


def test_task_of_a_killed_worker_runs_again_on_another_worker():
    client = redis.Redis.from_url(settings.REDIS_URL)
    key = f"killed-worker-{uuid.uuid4()}"
    first = _start_worker("first")
    second = None
    try:
        app.send_task("tests.slow_first_attempt", args=[key])
        assert _wait_for(lambda: client.get(f"{key}:attempts") == b"1", 60), "never started"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        # A starting worker restores unacknowledged messages older than the visibility
        # timeout (3 s here; an hour in production): wait that long, then start it.
        time.sleep(4)
        second = _start_worker("second")
        assert _wait_for(lambda: client.get(f"{key}:done") is not None, 90), "not redelivered"
        assert int(client.get(f"{key}:attempts")) == 2
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(10)
