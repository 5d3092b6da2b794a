"""Announcements' tasks: send one (enqueued when it is created) and the sweep beat runs every
minute (scheduled ones whose time came, sends whose worker was lost). Thin shells over
mentorship.announcements.services.sending."""

from celery import shared_task
from django.utils import timezone

from core.tasks import TenantTask, sweep_each
from mentorship.announcements.selectors import announcements_due
from mentorship.announcements.services.sending import (
    announcement_requeue_stuck,
    announcement_send,
)


@shared_task(base=TenantTask, name="mentorship.announcement_send")
def announcement_send_task(*, announcement_id: int, organization_id: int) -> int:
    return announcement_send(announcement_id=announcement_id)


@shared_task(base=TenantTask, name="mentorship.announcement_resume")
def announcement_resume_task(*, announcement_id: int, organization_id: int) -> int:
    """A waiting announcement, or one whose worker was lost, sent (again) in-process."""
    announcement_requeue_stuck(announcement_id=announcement_id, now=timezone.now())
    return announcement_send(announcement_id=announcement_id)


@shared_task(name="mentorship.announcements_sweep")
def announcements_sweep() -> int:
    """Sends the announcements whose time came and those whose worker was lost; returns how
    many emails were queued."""
    return sweep_each(announcement_resume_task, announcements_due(now=timezone.now()))
