"""The embedded default of `make run` in a test: its own SQLite file and, on kombu's
filesystem transport (CELERY_EMBEDDED_DIR), a real Celery worker and beat in separate
processes, as scripts/run.sh starts them. For the SQLite smoke pass (marked smoke)."""

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


class Embedded:
    def __init__(self, tmp_path: Path):
        self.db = tmp_path / "embedded.sqlite3"
        self.folder = tmp_path / "celery"
        self.log_path = tmp_path / "celery.log"
        for name in ("queue", "control", "results"):
            (self.folder / name).mkdir(parents=True)
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "REDIS_URL": "",
            "CELERY_EMBEDDED_DIR": str(self.folder),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }

    def manage(self, *args: str) -> None:
        """Runs `manage.py <args>` against the embedded database (tasks run in-process)."""
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def query(self, sql: str, *params):
        """The first row of `sql` on the embedded database (None when there is none)."""
        with sqlite3.connect(self.db, timeout=20) as connection:
            return connection.execute(sql, params).fetchone()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @contextmanager
    def worker_and_beat(self):
        """A worker and beat (the tests' beat schedule, tests/embedded_beat.py) for the
        block's duration, their output in `log()`; stopped (SIGTERM, then SIGKILL) after."""
        celery = [sys.executable, "-m", "celery"]
        commands = [
            [*celery, "-A", "config", "worker", "--concurrency=1", "--loglevel=INFO"],
            [
                *celery,
                "-A",
                "tests.embedded_beat",
                "beat",
                "--loglevel=INFO",
                f"--schedule={self.folder / 'beat-schedule'}",
            ],
        ]
        with open(self.log_path, "wb") as log:
            processes = [
                subprocess.Popen(
                    command,
                    cwd=settings.BASE_DIR,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                for command in commands
            ]
            try:
                yield
            finally:
                for process in processes:
                    os.killpg(process.pid, signal.SIGTERM)
                for process in processes:
                    try:
                        process.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
                        process.wait()
