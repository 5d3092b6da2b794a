"""acks_late + reject_on_worker_lost + the Redis visibility timeout: a task whose worker
is killed mid-run (SIGKILL, as an OOM kill or a lost machine would) runs again on another
worker."""

import uuid

import pytest
import redis
from django.conf import settings

from config.celery import app
from tests.workers import wait_for

pytestmark = pytest.mark.worker


def test_task_of_a_killed_worker_runs_again_on_another_worker(workers):
    client = redis.Redis.from_url(settings.REDIS_URL)
    key = f"killed-worker-{uuid.uuid4()}"
    first = workers.start("first")
    app.send_task("tests.slow_first_attempt", args=[key])
    assert wait_for(lambda: client.get(f"{key}:attempts") == b"1", 60), "never started"
    workers.kill(first)
    workers.wait_past_visibility_timeout()
    workers.start("second")
    assert wait_for(lambda: client.get(f"{key}:done") is not None, 90), "not redelivered"
    assert int(client.get(f"{key}:attempts")) == 2
