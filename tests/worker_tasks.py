"""Tasks only the killed-worker test loads (`celery worker --include tests.worker_tasks`)."""

import time

import redis
from celery import shared_task
from django.conf import settings


@shared_task(name="tests.slow_first_attempt")
def slow_first_attempt(key: str) -> str:
    """Counts its attempts; the first one hangs (so the test can kill its worker), a
    redelivered one finishes at once."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    attempt = client.incr(f"{key}:attempts")
    if attempt == 1:
        time.sleep(120)
    client.set(f"{key}:done", attempt)
    return "done"
