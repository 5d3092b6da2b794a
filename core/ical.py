"""The one iCalendar writer (RFC 5545, with the icalendar library): every feed and every
"Add to calendar" download is written by it, from `CalendarEvent`s that the apps build from
their own objects (no domain knowledge here).

- Instants are written in UTC (`DTSTART:20270510T180000Z`), so every calendar shows them in
  its own zone and no VTIMEZONE is needed.
- An event's UID is built by its owner from the object's id (never from a secret address),
  so a calendar that subscribed updates the same event when its date moves.
- `modified` is when the owner last changed the object (its date included): it is written
  as LAST-MODIFIED, and as SEQUENCE (the seconds since 2024, which only grow), so a client
  that compares sequences takes the moved date. DTSTAMP is when the feed was written.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

# A deadline is an instant: shown as a short event that starts at it.
EVENT_LENGTH = timedelta(minutes=30)
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # without the host: "application-<public id>-close"
    summary: str
    at: datetime
    description: str = ""
    url: str = ""
    modified: datetime | None = None


def uid_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mentorship.invalid"


def sequence_of(modified: datetime | None) -> int:
    if modified is None:
        return 0
    return max(0, int((modified - SEQUENCE_EPOCH).total_seconds()))


def ical_calendar(*, name: str, events: Iterable[CalendarEvent], product: str) -> bytes:
    """A VCALENDAR of the events, in UTC, ordered by instant then UID."""
    host = uid_host()
    calendar = Calendar()
    calendar.add("prodid", f"-//Open Mentorship//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "UTC")
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for item in sorted(events, key=lambda e: (e.at, e.uid)):
        at = item.at.astimezone(UTC)
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("summary", item.summary)
        event.add("dtstart", at)
        event.add("dtend", at + EVENT_LENGTH)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence_of(item.modified))
        if item.modified is not None:
            event.add("last-modified", item.modified.astimezone(UTC).replace(microsecond=0))
        if item.url:
            event.add("url", item.url)
        if item.description or item.url:
            event.add("description", " ".join(p for p in (item.description, item.url) if p))
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(content: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """An .ics answer: inline for a feed a calendar subscribes to, an attachment for a
    one-event download. Never cached by shared caches (a private feed is a person's)."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
