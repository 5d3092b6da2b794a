from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A person's private calendar address: `/calendars/<secret>.ics` lists their own
    deadlines across organizations (mentorship/calendars/selectors.py). The secret is 256
    random bits, shown to its owner on /me/calendar/ (so it is kept, not hashed, like any
    subscribe address); making a new address replaces it, and the old one answers 404.
    Personal, not tenant-scoped."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar of {self.user_id}"
