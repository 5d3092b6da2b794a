from django.db import transaction
from django.utils import timezone

from core.notifications.models import Notification


def notifications_create(*, rows: list[Notification]) -> None:
    """Written by the outbox in the transaction that queues the emails (one query)."""
    Notification.objects.bulk_create(rows)


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Marks every unread notification of the person read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
