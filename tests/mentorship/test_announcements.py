"""Announcements (mentorship.announcements): an admin writes to a filtered set of a term's
applicants, mentees or mentors; a confirmation step shows the count; the task sends through
the outbox in batches, each person exactly once (claims), with an in-app notification and
progress; bad input is refused with nothing written."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from core.notifications.models import Notification
from core.outbox.models import OutboxEmail, OutboxState
from mentorship.announcements.models import Announcement, AnnouncementState
from mentorship.announcements.selectors import term_announcements
from mentorship.announcements.services import sending
from mentorship.announcements.services.compose import announcement_create
from mentorship.announcements.tasks import announcements_sweep
from tests.conftest import api_client_with_second_factor, client_for, client_with_second_factor
from tests.factories.applications import ApplicationFactory
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped_reads():
    """The tests read rows of several organizations to check them."""
    with scopes_disabled():
        yield


def _term(tenant):
    return make_term(ProgramFactory(organization=tenant.organization), CycleFactory())


def _page(tenant, term):
    kwargs = {"org": tenant.organization.slug, "term": term.pk}
    return reverse("mentorship:term-announcements", kwargs=kwargs)


def _api(tenant, term):
    kwargs = {"org": tenant.organization.slug, "term": term.pk}
    return reverse("api:term-announcements", kwargs=kwargs)


def _create(tenant, term, **fields):
    with scope(organization=tenant.organization):
        return announcement_create(
            term=term,
            actor=tenant.admin,
            **{
                "audience": "applicants",
                "states": ["submitted"],
                "subject": "Office hours",
                "body": "Join us on Friday.",
                **fields,
            },
        )


def test_applicants_in_the_chosen_states_get_it_once_with_a_notification(
    org_a, org_b, django_capture_on_commit_callbacks
):
    term = _term(org_a)
    submitted = [ApplicationFactory(term=term, state="submitted") for _ in range(3)]
    draft = ApplicationFactory(term=term, state="draft")
    elsewhere = ApplicationFactory(term=_term(org_b), state="submitted")
    OutboxEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        announcement = _create(org_a, term)
    announcement.refresh_from_db()
    assert announcement.state == AnnouncementState.DONE
    assert (announcement.total, announcement.queued) == (3, 3)
    rows = OutboxEmail.objects.filter(topic=announcement.topic)
    assert sorted(rows.values_list("to", flat=True)) == sorted(a.applicant.email for a in submitted)
    assert not OutboxEmail.objects.filter(to__in=[draft.applicant.email, elsewhere.applicant.email])
    assert all(
        "Office hours" in row.subject and "Join us on Friday." in row.text_body for row in rows
    )
    notification = Notification.objects.get(user=submitted[0].applicant)
    assert notification.body == "Join us on Friday." and notification.link.endswith(
        "/me/applications/"
    )
    # Run again (a redelivered task): nobody gets it twice.
    Announcement.objects.filter(pk=announcement.pk).update(state=AnnouncementState.QUEUED)
    with scope(organization=org_a.organization):
        assert sending.announcement_send(announcement_id=announcement.pk) == 0
    assert rows.count() == 3


def test_mentees_and_mentors_audiences(org_a):
    mentorship = confirmed_mentorship(org_a)
    term = mentorship.term
    ApplicationFactory(term=term, state="submitted")
    OutboxEmail.objects.all().delete()
    for audience, expected in (
        ("mentees", {mentorship.mentee.email}),
        ("mentors", {org_a.mentor.email}),
    ):
        announcement = _create(org_a, term, audience=audience, states=[])
        with scope(organization=org_a.organization):
            sending.announcement_send(announcement_id=announcement.pk)
        got = set(OutboxEmail.objects.filter(topic=announcement.topic).values_list("to", flat=True))
        assert got == expected


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"subject": " "}, "subject", "Write a subject."),
        ({"subject": "x" * 151}, "subject", "Keep the subject under 150 characters."),
        ({"body": ""}, "body", "Write the message."),
        ({"audience": "everyone"}, "audience", "Choose applicants, mentees or mentors."),
        ({"states": []}, "application_states", "Choose the applications' states to write to."),
        ({"states": ["nonsense"]}, "application_states", "Choose states among"),
        ({"states": ["withdrawn"]}, "audience", "Nobody in this term matches"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(org_a, fields, field, message):
    term = _term(org_a)
    ApplicationFactory(term=term, state="submitted")
    with pytest.raises(ValidationError) as error:
        _create(org_a, term, **fields)
    assert any(message in m for m in error.value.message_dict[field])
    with scopes_disabled():
        assert not Announcement.objects.exists()


def test_the_page_confirms_the_count_before_sending_and_shows_progress(
    org_a, django_capture_on_commit_callbacks
):
    term = _term(org_a)
    for _ in range(2):
        ApplicationFactory(term=term, state="submitted")
    admin = client_with_second_factor(org_a.admin)
    fields = {
        "audience": "applicants",
        "application_states": ["submitted"],
        "subject": "Kick-off",
        "body": "See you Monday.",
    }
    page = admin.post(_page(org_a, term), fields).content.decode()
    assert "This goes to 2 people." in page
    with scopes_disabled():
        assert not Announcement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            _page(org_a, term), {**fields, "confirmed": "yes", "confirm_count": "2"}
        )
    assert response.status_code == 302
    OutboxEmail.objects.filter(topic__startswith="announcement:").update(state=OutboxState.SENT)
    page = admin.get(_page(org_a, term)).content.decode()
    assert "Kick-off" in page and "2 of 2 sent" in page
    bad = admin.post(_page(org_a, term), {**fields, "subject": ""})
    assert bad.status_code == 400 and "This field is required." in bad.content.decode()


def test_the_page_refuses_a_confirmation_the_audience_outgrew_and_writes_nothing(org_a):
    """The confirmed count is the service's rule: page and API refuse alike."""
    term = _term(org_a)
    ApplicationFactory(term=term, state="submitted")
    admin = client_with_second_factor(org_a.admin)
    fields = {
        "audience": "applicants",
        "application_states": ["submitted"],
        "subject": "Kick-off",
        "body": "See you Monday.",
    }
    assert "This goes to 1 person." in admin.post(_page(org_a, term), fields).content.decode()
    ApplicationFactory(term=term, state="submitted")  # someone submits meanwhile
    response = admin.post(_page(org_a, term), {**fields, "confirmed": "yes", "confirm_count": "1"})
    assert response.status_code == 400
    assert "It now goes to 2 people, not 1" in response.content.decode()
    with scopes_disabled():
        assert not Announcement.objects.exists()


@pytest.mark.parametrize("who", ["mentor", "coordinator"])
def test_only_admins_write_announcements(org_a, who):
    term = _term(org_a)
    ApplicationFactory(term=term, state="submitted")
    client = client_for(getattr(org_a, who))
    assert client.get(_page(org_a, term)).status_code in (403, 404)
    data = {"audience": "mentors", "subject": "x", "body": "y", "confirmed": "yes"}
    assert client.post(_page(org_a, term), data).status_code in (403, 404)
    with scopes_disabled():
        assert not Announcement.objects.exists()


def test_the_api_dry_runs_then_creates_with_the_confirmed_count(org_a):
    term = _term(org_a)
    ApplicationFactory(term=term, state="submitted")
    api = api_client_with_second_factor(org_a.admin)
    data = {
        "audience": "applicants",
        "application_states": ["submitted"],
        "subject": "Hello",
        "body": "Welcome.",
    }
    assert api.post(_api(org_a, term), data, format="json").json() == {"recipients": 1}
    wrong = api.post(_api(org_a, term), {**data, "confirm_count": 5}, format="json")
    assert wrong.status_code == 409
    made = api.post(_api(org_a, term), {**data, "confirm_count": 1}, format="json")
    assert made.status_code == 201 and made.json()["total"] == 1
    listed = api.get(_api(org_a, term)).json()
    assert listed[0]["subject"] == "Hello"
    bad = api.post(_api(org_a, term), {**data, "subject": ""}, format="json")
    assert bad.status_code == 400


def test_the_list_costs_the_same_queries_for_few_and_many(org_a, django_assert_num_queries):
    term = _term(org_a)
    ApplicationFactory(term=term, state="submitted")
    _create(org_a, term)
    with scope(organization=org_a.organization), django_assert_num_queries(2):
        term_announcements(term=term)
    for _ in range(5):
        _create(org_a, term)
    with scope(organization=org_a.organization), django_assert_num_queries(2):
        term_announcements(term=term)


def test_a_scheduled_announcement_is_sent_by_the_sweep(org_a):
    term = _term(org_a)
    ApplicationFactory(term=term, state="submitted")
    later = timezone.now() + timedelta(minutes=5)
    announcement = _create(org_a, term, send_after=later)
    assert announcements_sweep() == 0
    with time_machine.travel(later + timedelta(seconds=1)):
        assert announcements_sweep() == 1
    announcement.refresh_from_db()
    assert announcement.state == AnnouncementState.DONE


@pytest.mark.django_db(transaction=True)
def test_two_tasks_at_once_send_each_person_once(org_a):
    assert connection.vendor == "postgresql"
    term = _term(org_a)
    for _ in range(40):
        ApplicationFactory(term=term, state="submitted")
    announcement = _create(org_a, term)
    # Both runs find it waiting (as two deliveries of the task, or the task and the sweep).
    Announcement.objects.filter(pk=announcement.pk).update(state=AnnouncementState.QUEUED)
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait()
            with scope(organization=org_a.organization):
                results.append(sending.announcement_send(announcement_id=announcement.pk))
        except Exception as error:  # pragma: no cover (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with scopes_disabled():
        emails = list(
            OutboxEmail.objects.filter(topic=announcement.topic).values_list("to", flat=True)
        )
    assert len(emails) == len(set(emails)) == 40


@pytest.mark.django_db(transaction=True)
def test_two_batches_racing_for_the_same_people_claim_each_once(org_a):
    """Without the announcement's state guard: two sends of the same batch at the same
    moment (the claims alone keep each person to one email)."""
    term = _term(org_a)
    people = [ApplicationFactory(term=term, state="submitted").applicant_id for _ in range(30)]
    with scope(organization=org_a.organization):
        announcement = Announcement.objects.select_related("term__program", "organization").get(
            pk=_create(
                org_a,
                term,
                send_after=__import__("django.utils.timezone").utils.timezone.now()
                + __import__("datetime").timedelta(days=1),
            ).pk
        )
    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait()
            with scope(organization=org_a.organization):
                results.append(
                    sending.announcement_send_batch(announcement=announcement, recipient_ids=people)
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == [0, 30]
    with scopes_disabled():
        assert OutboxEmail.objects.filter(topic=announcement.topic).count() == 30
