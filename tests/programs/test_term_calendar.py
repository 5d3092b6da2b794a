"""A public term's timeline as an iCalendar feed: it parses back (icalendar), has one event
per milestone shown to applicants at the right instant in UTC, keeps each event's UID when
a date moves (so subscribed calendars update the event), and is hidden like the program."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_scopes import scope
from icalendar import Calendar

from programs.programs.models import ProgramStatus
from programs.terms.models import Milestone
from programs.terms.services.terms import milestone_move
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db


def _feed(client, term):
    program = term.program
    url = f"/programs/{program.organization.slug}/{program.slug}/terms/{term.pk}/calendar.ics"
    return client.get(url)


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_parses_back_with_each_milestone_and_stable_ids(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel")
    term = make_term(program, CycleFactory())
    client = Client()
    events = _events(_feed(client, term))
    with scope(organization=org_a.organization):
        shown = term.shown_timeline()
    assert len(events) == len(shown)
    close = next(m for m in shown if m.kind == "applications_close")
    uid = next(u for u, e in events.items() if "applications_close" in u)
    assert events[uid].decoded("dtstart") == close.at
    assert events[uid].decoded("dtstart").utcoffset() == timedelta(0)
    assert str(events[uid]["summary"]) == "Kernel: Applications close"
    # The program page links to the feed.
    page = client.get(f"/programs/{org_a.organization.slug}/{program.slug}/").content.decode()
    assert f"/terms/{term.pk}/calendar.ics" in page and "Add this timeline to your calendar" in page

    moved = close.at + timedelta(hours=6)
    with scope(organization=org_a.organization):
        milestone_move(
            milestone=Milestone.objects.get(term=term, kind="applications_close"),
            actor=None,
            at=moved,
        )
    again = _events(_feed(client, term))
    assert set(again) == set(events)  # the same events, updated
    assert again[uid].decoded("dtstart") == moved


def test_an_unpublished_programs_feed_is_a_404_for_strangers_and_other_terms_too(org_a, org_b):
    draft = ProgramFactory(organization=org_a.organization, status=ProgramStatus.DRAFT)
    term = make_term(draft, CycleFactory())
    assert _feed(Client(), term).status_code == 404
    other = make_term(ProgramFactory(organization=org_b.organization), CycleFactory())
    program = ProgramFactory(organization=org_a.organization)
    url = f"/programs/{org_a.organization.slug}/{program.slug}/terms/{other.pk}/calendar.ics"
    assert Client().get(url).status_code == 404  # a term of another program


def test_each_milestone_downloads_as_one_event_with_the_feeds_uid(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel")
    term = make_term(program, CycleFactory())
    client = Client()
    feed = _events(_feed(client, term))
    base = f"/programs/{org_a.organization.slug}/{program.slug}/terms/{term.pk}"
    response = client.get(f"{base}/applications_close.ics")
    assert response["Content-Disposition"].startswith("attachment")
    [(uid, event)] = _events(response).items()
    assert uid == next(u for u in feed if "applications_close" in u)
    assert event.decoded("dtstart") == feed[uid].decoded("dtstart")
    assert client.get(f"{base}/no_such_kind.ics").status_code == 404
    # The program page links each date's download.
    page = client.get(f"/programs/{org_a.organization.slug}/{program.slug}/").content.decode()
    assert f"{base}/applications_close.ics" in page and f"{base}/term_end.ics" in page


def test_a_moved_milestone_has_a_higher_sequence_in_the_public_feed(org_a):
    program = ProgramFactory(organization=org_a.organization)
    term = make_term(program, CycleFactory())
    client = Client()
    before = _events(_feed(client, term))
    uid = next(u for u in before if "term_end" in u)
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        with scope(organization=org_a.organization):
            milestone_move(
                milestone=Milestone.objects.get(term=term, kind="term_end"),
                actor=None,
                at=term.ends_at + timedelta(days=1),
            )
        after = _events(_feed(client, term))
    assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])
    assert after[uid].decoded("dtstart") == before[uid].decoded("dtstart") + timedelta(days=1)
