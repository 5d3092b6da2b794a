"""A person's private calendar: the feed behind a secret address parses back (icalendar) with
their own deadlines only (application closes, offer deadline, evaluations as mentee or
mentor, tasks), in UTC, with UIDs that survive a moved date while SEQUENCE and
LAST-MODIFIED move on; a new address revokes the old one (404, like a wrong one); one event
downloads as .ics; the page and the API show and renew the address; the feed's queries do
not grow with its events."""

from datetime import UTC, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from icalendar import Calendar
from rest_framework.test import APIClient

from applications.decisions.models import Offer
from mentorship.assignments.services import task_create
from mentorship.calendars.models import CalendarFeed
from mentorship.calendars.services import calendar_feed_ensure, calendar_feed_rotate
from mentorship.evaluations.models import Evaluation
from mentorship.evaluations.services.verdicts import evaluation_verdict
from programs.terms.models import Milestone
from programs.terms.services.terms import milestone_move
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db

RUBRIC = {"progress": 4, "communication": 4}


def feed_url(user) -> str:
    return reverse(
        "mentorship:calendar-feed", kwargs={"secret": calendar_feed_ensure(user=user).secret}
    )


def events_of(response) -> dict:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def feed_events(user) -> dict:
    return events_of(Client().get(feed_url(user)))


def test_a_mentees_feed_holds_their_application_deadlines_offer_evaluations_and_tasks(org_a, org_b):
    mentee = UserFactory(display_name="Mia Mentee")
    mentorship = confirmed_mentorship(org_a, mentee=mentee)
    with scope(organization=org_a.organization):
        [task] = task_create(
            actor=org_a.mentor,
            mentorship=mentorship,
            title="Fix the parser",
            due_at=timezone.now() + timedelta(days=4),
        )
        evaluations = list(Evaluation.objects.filter(mentorship=mentorship))
    # A draft in another organization, and an offer waiting in a third program.
    draft_term = make_term(ProgramFactory(organization=org_b.organization), CycleFactory())
    draft = ApplicationFactory(term=draft_term, applicant=mentee, state="draft")
    offered_term = term_in(
        ProgramFactory(organization=org_a.organization, name="Kernel"), announced_cycle()
    )
    offered = ApplicationFactory(term=offered_term, applicant=mentee)
    accept(offered, org_a.admin)
    # Someone else's things never show.
    confirmed_mentorship(org_a)
    ApplicationFactory(term=draft_term, state="draft")

    events = feed_events(mentee)

    expected = {
        f"application-{draft.public_id.hex}-close",
        f"offer-{offered.public_id.hex}",
        f"task-{task.public_id.hex}",
        *(f"evaluation-{e.public_id.hex}" for e in evaluations),
    }
    assert set(events) == expected
    close = events[f"application-{draft.public_id.hex}-close"]
    assert close.decoded("dtstart") == draft_term.applications_close_at
    assert close.decoded("dtstart").utcoffset() == timedelta(0)  # UTC
    assert "your draft is not submitted" in str(close["summary"])
    with scope(organization=org_a.organization):
        offer = Offer.objects.get(application=offered)
    assert events[f"offer-{offered.public_id.hex}"].decoded("dtstart") == offer.deadline.replace(
        microsecond=0
    )
    assert str(events[f"task-{task.public_id.hex}"]["summary"]).endswith("“Fix the parser” due")
    assert f"/me/mentorships/{mentorship.public_id}/tasks/" in str(
        events[f"task-{task.public_id.hex}"]["url"]
    )
    # What was answered or submitted leaves the feed.
    offer.state = "declined"
    with scope(organization=org_a.organization):
        offer.save(update_fields=["state"])
    assert f"offer-{offered.public_id.hex}" not in feed_events(mentee)


def test_a_mentors_feed_holds_the_checkpoints_of_their_mentorships_only(org_a, org_b):
    mentorship = confirmed_mentorship(org_a, mentee=UserFactory(display_name="Ana Apprentice"))
    confirmed_mentorship(org_b)  # another mentor's, in another organization
    events = feed_events(org_a.mentor)
    with scope(organization=org_a.organization):
        ids = {f"evaluation-{e.public_id.hex}" for e in mentorship.evaluations.all()}
    assert set(events) == ids
    summaries = {str(e["summary"]) for e in events.values()}
    assert any("Midterm evaluation of Ana Apprentice due" in s for s in summaries)
    assert all(
        f"/o/{org_a.organization.slug}/mentorships/" in str(e["url"]) for e in events.values()
    )
    assert not feed_events(org_b.admin)


def test_moved_dates_keep_their_uid_with_a_higher_sequence_and_last_modified(org_a):
    mentee = UserFactory()
    term = make_term(ProgramFactory(organization=org_a.organization), CycleFactory())
    draft = ApplicationFactory(term=term, applicant=mentee, state="draft")
    mentorship = confirmed_mentorship(org_a, mentee=mentee)
    close_uid = f"application-{draft.public_id.hex}-close"
    with scope(organization=org_a.organization):
        midterm = mentorship.evaluations.get(kind="midterm")
        first = mentorship.evaluations.get(kind="evaluation_1")
    mid_uid = f"evaluation-{midterm.public_id.hex}"
    before = feed_events(mentee)

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        with scope(organization=org_a.organization):
            milestone_move(
                milestone=Milestone.objects.get(term=term, kind="applications_close"),
                actor=None,
                at=term.applications_close_at + timedelta(hours=6),
            )
            for evaluation, verdict in ((first, "pass"), (midterm, "extend")):
                evaluation_verdict(
                    evaluation=evaluation,
                    actor=org_a.mentor,
                    verdict=verdict,
                    weeks=2 if verdict == "extend" else 0,
                    now=evaluation.due_at,
                    **RUBRIC,
                )
        after = feed_events(mentee)

    for uid, moved_by in ((close_uid, timedelta(hours=6)), (mid_uid, timedelta(weeks=2))):
        assert after[uid].decoded("dtstart") == before[uid].decoded("dtstart") + moved_by
        assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])
        assert after[uid].decoded("last-modified") > before[uid].decoded("last-modified")
    assert f"evaluation-{first.public_id.hex}" not in after  # passed: nothing due
    assert set(after) == set(before) - {f"evaluation-{first.public_id.hex}"}


def test_a_new_address_revokes_the_old_one_and_wrong_addresses_are_404(org_a):
    mentee = UserFactory()
    ApplicationFactory(
        term=make_term(ProgramFactory(organization=org_a.organization), CycleFactory()),
        applicant=mentee,
        state="draft",
    )
    old = feed_url(mentee)
    assert Client().get(old).status_code == 200
    calendar_feed_rotate(user=mentee)
    new = feed_url(mentee)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().head(new).status_code == 200
    assert len(events_of(Client().get(new))) == 1
    assert Client().get("/calendars/not-a-secret.ics").status_code == 404
    assert Client().get(new.replace(".ics", "x.ics")).status_code == 404
    # Another person's address shows their calendar, never this one's events.
    other = UserFactory()
    assert feed_events(other) == {}
    mentee.is_active = False
    mentee.save(update_fields=["is_active"])
    assert Client().get(new).status_code == 404


def test_the_page_shows_the_address_and_makes_a_new_one(org_a):
    mentee = UserFactory()
    draft = ApplicationFactory(
        term=make_term(
            ProgramFactory(organization=org_a.organization, name="Rustaceans"), CycleFactory()
        ),
        applicant=mentee,
        state="draft",
    )
    client = client_for(mentee)
    page = client.get("/me/calendar/")
    assert page.status_code == 200
    html = page.content.decode()
    secret = CalendarFeed.objects.get(user=mentee).secret
    assert f"/calendars/{secret}.ics" in html and "webcal://" in html
    assert "Rustaceans: applications close" in html
    assert f"/me/calendar/events/application-{draft.public_id.hex}-close.ics" in html
    response = client.post("/me/calendar/new-address/")
    assert response.status_code == 302
    assert CalendarFeed.objects.get(user=mentee).secret != secret
    assert secret not in client.get("/me/calendar/").content.decode()
    assert client.get("/me/calendar/new-address/").status_code == 405
    assert Client().get("/me/calendar/").status_code == 302  # sign in first


def test_one_event_downloads_for_its_owner_only(org_a):
    mentee = UserFactory()
    draft = ApplicationFactory(
        term=make_term(ProgramFactory(organization=org_a.organization), CycleFactory()),
        applicant=mentee,
        state="draft",
    )
    url = f"/me/calendar/events/application-{draft.public_id.hex}-close.ics"
    response = client_for(mentee).get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert list(events_of(response)) == [f"application-{draft.public_id.hex}-close"]
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(org_a.admin).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_the_application_offer_and_mentorship_pages_link_their_events(org_a):
    mentee = UserFactory()
    mentorship = confirmed_mentorship(org_a, mentee=mentee)
    with scope(organization=org_a.organization):
        midterm = mentorship.evaluations.get(kind="midterm")
        [task] = task_create(
            actor=org_a.mentor,
            mentorship=mentorship,
            title="Write the design",
            due_at=timezone.now() + timedelta(days=3),
        )
    html = client_for(mentee).get(f"/me/mentorships/{mentorship.public_id}/").content.decode()
    assert f"/me/calendar/events/evaluation-{midterm.public_id.hex}.ics" in html
    assert f"/me/calendar/events/task-{task.public_id.hex}.ics" in html
    assert 'href="/me/calendar/"' in html
    mentor_page = client_for(org_a.mentor).get(
        f"/o/{org_a.organization.slug}/mentorships/{mentorship.public_id}/"
    )
    html = mentor_page.content.decode()
    assert f"/me/calendar/events/evaluation-{midterm.public_id.hex}.ics" in html
    assert f"task-{task.public_id.hex}.ics" not in html  # tasks are the mentee's
    admin_html = (
        client_for(org_a.admin)
        .get(f"/o/{org_a.organization.slug}/mentorships/{mentorship.public_id}/")
        .content.decode()
    )
    assert "/me/calendar/events/" not in admin_html  # not in the admin's own calendar
    # Each link answers its owner with the event.
    assert (
        client_for(org_a.mentor)
        .get(f"/me/calendar/events/evaluation-{midterm.public_id.hex}.ics")
        .status_code
        == 200
    )

    offered = ApplicationFactory(
        term=term_in(ProgramFactory(organization=org_a.organization), announced_cycle()),
        applicant=mentee,
    )
    accept(offered, org_a.admin)
    html = client_for(mentee).get(f"/me/offers/{offered.public_id}/").content.decode()
    assert f"/me/calendar/events/offer-{offered.public_id.hex}.ics" in html
    draft = ApplicationFactory(
        term=make_term(ProgramFactory(organization=org_a.organization), CycleFactory()),
        applicant=mentee,
        state="draft",
    )
    html = client_for(mentee).get(f"/me/applications/{draft.public_id}/").content.decode()
    assert f"/me/calendar/events/application-{draft.public_id.hex}-close.ics" in html


def test_the_api_reads_and_renews_the_address(org_a):
    mentee = UserFactory()
    draft = ApplicationFactory(
        term=make_term(ProgramFactory(organization=org_a.organization), CycleFactory()),
        applicant=mentee,
        state="draft",
    )
    api = api_client_for(mentee)
    first = api.get("/api/v1/me/calendar/")
    assert first.status_code == 200
    body = first.json()
    assert body["address"].endswith(
        f"/calendars/{CalendarFeed.objects.get(user=mentee).secret}.ics"
    )
    assert body["webcal"].startswith("webcal://")
    assert [e["uid"] for e in body["events"]] == [f"application-{draft.public_id.hex}-close"]
    assert body["events"][0]["download"].endswith(".ics")
    renewed = api.post("/api/v1/me/calendar/new-address/")
    assert renewed.status_code == 200
    assert renewed.json()["address"] != body["address"]
    path = "/" + body["address"].split("/", 3)[3]
    assert Client().get(path).status_code == 404
    assert api.get("/api/v1/me/calendar/").json()["address"] == renewed.json()["address"]
    assert APIClient().get("/api/v1/me/calendar/").status_code in (401, 403)


def _busy_mentee(org, n_tasks: int):
    mentee = UserFactory()
    mentorship = confirmed_mentorship(org, mentee=mentee)
    cycle = CycleFactory()
    with scope(organization=org.organization):
        for i in range(n_tasks):
            task_create(
                actor=org.mentor,
                mentorship=mentorship,
                title=f"Task {i}",
                due_at=timezone.now() + timedelta(days=2, hours=i),
            )
    for _ in range(max(1, n_tasks // 10)):
        term = make_term(ProgramFactory(organization=org.organization), cycle)
        ApplicationFactory(term=term, applicant=mentee, state="draft")
    return mentee


@pytest.mark.parametrize("tasks", [2, 50])
def test_the_feed_takes_the_same_queries_for_2_or_50_events(
    org_a, tasks, django_assert_num_queries
):
    mentee = _busy_mentee(org_a, tasks)
    url = feed_url(mentee)
    client = Client()
    # The feed's owner (1), applications and their close milestone (2), offers (1),
    # evaluations (1), tasks (1).
    with django_assert_num_queries(6):
        events = events_of(client.get(url))
    assert len(events) >= tasks


def test_the_calendar_page_takes_the_same_queries_for_2_or_50_events(org_a):
    counts = []
    for tasks in (2, 50):
        client = client_for(_busy_mentee(org_a, tasks))
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/me/calendar/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_instants_are_written_in_utc_whatever_the_viewers_zone(org_a):
    mentee = UserFactory()
    term = make_term(ProgramFactory(organization=org_a.organization), CycleFactory())
    ApplicationFactory(term=term, applicant=mentee, state="draft")
    text = Client().get(feed_url(mentee)).content.decode()
    close = term.applications_close_at.astimezone(UTC)
    assert f"DTSTART:{close:%Y%m%dT%H%M%S}Z" in text
    assert "VTIMEZONE" not in text
