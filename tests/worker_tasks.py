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


@shared_task(name="tests.reminder_sweep_killable")
def reminder_sweep_killable(key: str, now: str) -> int:
    """The reminder sweep at `now`; on its first attempt it hangs right after queuing its
    first batch of emails, inside the batch's transaction (so the test can kill its worker
    mid-send); a redelivered attempt runs through."""
    from datetime import datetime

    from core.reminders import services

    client = redis.Redis.from_url(settings.REDIS_URL)
    attempt = client.incr(f"{key}:attempts")
    real = services.email_queue_many

    def queue_then_hang(**kwargs):
        rows = real(**kwargs)
        client.incr(f"{key}:queued")
        if attempt == 1:
            time.sleep(120)
        return rows

    services.email_queue_many = queue_then_hang
    try:
        sent = services.reminder_sweep(now=datetime.fromisoformat(now))
    finally:
        services.email_queue_many = real
    client.set(f"{key}:done", sent)
    return sent
