"""The embedded default (SQLite, `make test`'s smoke run): with the demo data the mentee's
calendar page, her feed and one event's download answer, and the feed parses back."""

import pytest
from django.core.management import call_command
from icalendar import Calendar

from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import User
from mentorship.calendars.models import CalendarFeed

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_the_demo_mentees_calendar_answers(client):
    call_command("load_demo")
    assert client.login(email="mentee@example.org", password=DEMO_PASSWORD)
    assert client.get("/me/calendar/").status_code == 200
    feed = CalendarFeed.objects.get(user=User.objects.get(email="mentee@example.org"))
    response = client.get(f"/calendars/{feed.secret}.ics")
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events
    uid = str(events[0]["uid"]).split("@")[0]
    assert client.get(f"/me/calendar/events/{uid}.ics").status_code == 200
