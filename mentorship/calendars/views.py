"""The person's calendar: /me/calendar/ (the private address, its events, a new address),
one event as a download, and the feed itself at /calendars/<secret>.ics (no sign-in: the
secret is the key, as calendar apps fetch it on their own)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from core.ical import ical_calendar, ics_response
from mentorship.calendars import selectors
from mentorship.calendars.services import calendar_feed_ensure, calendar_feed_rotate

PRODUCT = "My deadlines"


@login_required
@require_GET
def my_calendar(request):
    feed = calendar_feed_ensure(user=request.user)
    return render(
        request,
        "mentorship/my_calendar.html",
        {
            **selectors.calendar_feed_addresses(feed=feed),
            "feed": feed,
            "events": selectors.person_calendar_events(user=request.user),
        },
    )


@login_required
@require_POST
def my_calendar_rotate(request):
    calendar_feed_rotate(user=request.user)
    messages.success(
        request,
        "Your calendar has a new address. The old one no longer works: subscribe again "
        "with the new one.",
    )
    return redirect("mentorship:me-calendar")


@login_required
@require_GET
def my_calendar_event(request, event):
    """One of the person's own events as an .ics download ("Add to calendar")."""
    found = selectors.person_calendar_event(user=request.user, uid=event)
    content = ical_calendar(name=found.summary, events=[found], product=PRODUCT)
    return ics_response(content, filename=f"{event}.ics", download=True)


@require_safe  # calendar apps may ask with HEAD first
def calendar_feed(request, secret):
    """The private feed: the owner's deadlines, read by calendar apps without a session."""
    user = selectors.calendar_feed_owner(secret=secret)
    content = ical_calendar(
        name="My mentorship deadlines",
        events=selectors.person_calendar_events(user=user),
        product=PRODUCT,
    )
    response = ics_response(content, filename="mentorship-deadlines.ics")
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
