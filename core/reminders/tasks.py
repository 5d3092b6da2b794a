"""The reminder sweep's task, run by beat (config/celery.py). Safe to run twice at once:
each reminder is claimed in a unique row (core.reminders.services)."""

from celery import shared_task
from django.utils import timezone

from core.reminders.services import reminder_sweep


@shared_task(name="core.reminders_sweep")
def reminders_sweep() -> int:
    return reminder_sweep(now=timezone.now())
