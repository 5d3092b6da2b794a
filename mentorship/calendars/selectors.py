"""Reads of a person's private calendar: the events each app contributes through a function
in its own slice, gathered here, in the highest layer they come from."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse

from accounts.people.models import User
from applications.apply.calendar import application_events
from core.ical import CalendarEvent
from mentorship.assignments.calendar import task_events
from mentorship.calendars.models import CalendarFeed
from mentorship.evaluations.calendar import evaluation_events
from mentorship.offers.calendar import offer_events

# What a person's calendar holds, in the order the page lists the kinds.
CONTRIBUTORS = (application_events, offer_events, evaluation_events, task_events)


def person_calendar_events(*, user: User) -> list[CalendarEvent]:
    """The person's own deadlines, in time order: the close of applications of the terms
    they hold a draft or submission in, their offers' deadlines, the evaluations due in
    their mentorships (as mentor or mentee) and their tasks. Each contributor filters by
    the person; a constant number of queries (five) whatever the number of events."""
    events: dict[str, CalendarEvent] = {}
    for contributor in CONTRIBUTORS:
        for event in contributor(user=user):
            events.setdefault(event.uid, event)
    return sorted(events.values(), key=lambda e: (e.at, e.uid))


def person_calendar_event(*, user: User, uid: str) -> CalendarEvent:
    """One of the person's own events, by its UID; anything else is a 404."""
    found = next((e for e in person_calendar_events(user=user) if e.uid == uid), None)
    if found is None:
        raise Http404("No such event in your calendar.")
    return found


def calendar_feed_owner(*, secret: str) -> User:
    """The person whose calendar address this is; a wrong or replaced address is a 404 like
    any missing page (it says nothing about whether it once worked)."""
    feed = CalendarFeed.objects.select_related("user").filter(secret=secret).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    return feed.user


def calendar_feed_addresses(*, feed: CalendarFeed) -> dict[str, str]:
    """The feed's address (from SITE_URL, like links in emails, never a request's Host) and
    its webcal:// twin, which calendar apps open as a subscription."""
    address = settings.SITE_URL.rstrip("/") + reverse(
        "mentorship:calendar-feed", kwargs={"secret": feed.secret}
    )
    return {"address": address, "webcal": "webcal://" + address.split("://", 1)[1]}
