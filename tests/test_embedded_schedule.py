"""The embedded default runs the schedule: with no Redis, `make run` starts a real Celery worker
and beat on kombu's filesystem transport (CELERY_EMBEDDED_DIR), and a periodic job goes
through it end to end. Here: an outbox row whose task was lost (queued, overdue, no message
in the broker) is sent by `core.outbox_sweep`, which only beat starts. Runs in the SQLite
smoke pass of `make test` (marked smoke); it uses its own SQLite file and processes."""

import time

import pytest

from tests.embedded import Embedded

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


def _row_state(embedded: Embedded) -> str:
    row = embedded.query("SELECT state FROM core_outboxemail WHERE subject = 'Lost task'")
    return row[0] if row else ""


def test_beat_and_worker_run_a_periodic_job_on_the_filesystem_broker(tmp_path):
    embedded = Embedded(tmp_path)
    embedded.manage("migrate", "--noinput")
    embedded.manage("shell", "-c", LOST_ROW)
    assert _row_state(embedded) == "queued"
    assert not list((embedded.folder / "queue").iterdir())  # no message: only beat can send it

    with embedded.worker_and_beat():
        deadline = time.monotonic() + 90
        while _row_state(embedded) != "sent" and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _row_state(embedded) == "sent", embedded.log()[-4000:]
        assert "core.outbox_sweep" in embedded.log()
