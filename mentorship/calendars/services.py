"""Writes of a person's private calendar address."""

import secrets

from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from mentorship.calendars.models import CalendarFeed


def _secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits, 43 characters


def calendar_feed_ensure(*, user: User) -> CalendarFeed:
    """The person's calendar address, made the first time they ask for it. Safe when two
    requests ask at once (the one-to-one on the person decides)."""
    feed, _ = CalendarFeed.objects.get_or_create(
        user=user, defaults={"secret": _secret(), "created_at": timezone.now()}
    )
    return feed


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """A new address for the person's calendar; the old one stops working at once (404),
    so a leaked address is revoked by making a new one."""
    feed = calendar_feed_ensure(user=user)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    feed.secret = _secret()
    feed.created_at = timezone.now()
    feed.save(update_fields=["secret", "created_at"])
    audit_record(action="calendar.address_renewed", obj=feed, actor=user, organization=None)
    return feed
