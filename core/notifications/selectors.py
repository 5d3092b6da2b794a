from django.db.models import QuerySet
from django.http import Http404

from core.notifications.models import Notification


def notifications_of(*, user) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    return Notification.objects.filter(user=user)


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get(*, user, public_id) -> Notification:
    """One of the person's own notifications; anyone else's is a 404 like a missing one."""
    notification = Notification.objects.filter(user=user, public_id=public_id).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification
