"""Test-only tasks: the killed-worker test loads them in its worker process (`celery worker
--include tests.worker_tasks`); the in-process worker of test_celery_worker registers the
ones that test imports."""

import time

import redis
from celery import shared_task
from django.conf import settings
from django.core.cache import cache


@shared_task(name="tests.echo")
def echo(value: str) -> str:
    """Round-trips a value through the broker (and leaves it in the cache); used to prove
    the worker wiring."""
    cache.set(f"echo:{value}", value, timeout=300)
    return value


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
