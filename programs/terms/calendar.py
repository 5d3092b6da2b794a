"""A term's timeline as an iCalendar feed (RFC 5545, written by the icalendar library): one
event per milestone as applicants see it, in UTC. Each event's UID names the term and the
milestone kind, so a calendar that subscribed updates the same event when a date moves."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from programs.terms.models import Term

EVENT_LENGTH = timedelta(minutes=30)  # a deadline is an instant: shown as a short event


def term_calendar(*, term: Term, url: str) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname or "mentorship.invalid"
    program = term.program
    calendar = Calendar()
    calendar.add("prodid", "-//Open Mentorship//Term timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{program.name} ({term.cycle.name})")
    calendar.add("x-wr-timezone", "UTC")
    stamp = timezone.now()
    for milestone in term.shown_timeline():
        event = Event()
        event.add("uid", f"term-{term.pk}-{milestone.kind}@{host}")
        event.add("summary", f"{program.name}: {milestone.get_kind_display()}")
        event.add("dtstart", milestone.at)
        event.add("dtend", milestone.at + EVENT_LENGTH)
        event.add("dtstamp", stamp)
        event.add("url", url)
        event.add("description", f"{program.organization.name}, {term.cycle.name}. {url}")
        calendar.add_component(event)
    return calendar.to_ical()
