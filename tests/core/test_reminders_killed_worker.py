"""A reminder sweep whose worker is killed mid-send (SIGKILL after it queued an email, before
its batch committed) leaves nothing claimed; the task is redelivered to another worker, which
sends every reminder, each once. Real workers on Redis and PostgreSQL."""

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
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_sweep_killed_mid_send_is_redone_once_by_another_worker(org_a, workers):
    assert connection.vendor == "postgresql"
    program = ProgramFactory(organization=org_a.organization)
    term = make_term(program, CycleFactory())
    drafts = [ApplicationFactory(term=term, state="draft") for _ in range(3)]
    now = term.applications_close_at - timedelta(hours=2)
    client = redis.Redis.from_url(settings.REDIS_URL)
    key = f"reminders-killed-{uuid.uuid4()}"
    first = workers.start("first", database=True)
    app.send_task("tests.reminder_sweep_killable", args=[key, now.isoformat()])
    assert wait_for(lambda: client.get(f"{key}:queued") == b"1", 90), "never sent"
    workers.kill(first)
    # Killed inside the batch's transaction: PostgreSQL rolled it back.
    assert ReminderClaim.objects.count() == 0
    assert OutboxEmail.objects.filter(subject__contains="applications close").count() == 0
    workers.wait_past_visibility_timeout()
    workers.start("second", database=True)
    assert wait_for(lambda: client.get(f"{key}:done") is not None, 90), "not redelivered"
    assert int(client.get(f"{key}:attempts")) == 2
    assert int(client.get(f"{key}:done")) == 3
    for draft in drafts:
        assert OutboxEmail.objects.filter(to=draft.applicant.email).count() == 1
    assert OutboxEmail.objects.filter(topic__startswith="reminder:").count() == 3
