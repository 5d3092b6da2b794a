"""Real Celery workers as separate processes, for the tests that kill one mid-task
(SIGKILL, as an OOM kill or a lost machine would) and check that another worker finishes the
task once: acks_late, reject_on_worker_lost and a short Redis visibility timeout (3 s)."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection

VISIBILITY_TIMEOUT = 3


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


class Workers:
    """Starts workers sharing this process's broker key prefix (and, with `database=True`,
    its test database, whose rows a `transaction=True` test commits); kills them all at the
    end (the `workers` fixture)."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, *, database: bool = False) -> subprocess.Popen:
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "TEST_RUN_ID": settings.RUN_ID,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        }
        if database:
            db = connection.settings_dict
            env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        worker = subprocess.Popen(
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
        self.started.append(worker)
        return worker

    @staticmethod
    def kill(worker: subprocess.Popen) -> None:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)

    @staticmethod
    def wait_past_visibility_timeout() -> None:
        """A starting worker restores unacknowledged messages older than the visibility
        timeout (an hour in production): wait that long before starting the next one."""
        time.sleep(VISIBILITY_TIMEOUT + 1)

    def stop_all(self) -> None:
        for worker in self.started:
            self.kill(worker)
