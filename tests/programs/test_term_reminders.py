"""A term's reminders page and API (programs/term_reminders): upcoming reminders with their send
time and audience, a dry run that is exactly what the sweep then sends, what went out, and
pause / resume per rule and term, which the sweep honours."""

import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from core.outbox.models import OutboxEmail, OutboxState
from core.reminders.models import ReminderPause
from core.reminders.services import reminder_sweep
from programs.term_reminders.selectors import term_reminders
from tests.conftest import api_client_with_second_factor, client_for, client_with_second_factor
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db

RULE = "applications.close_tomorrow"


def _term(tenant):
    return make_term(ProgramFactory(organization=tenant.organization), CycleFactory())


def _row(overview, name):
    return next(row for row in overview if row.rule.name == name)


def _page(tenant, term):
    return reverse(
        "programs:term-reminders", kwargs={"org": tenant.organization.slug, "term": term.pk}
    )


def _api(tenant, term):
    return reverse("api:term-reminders", kwargs={"org": tenant.organization.slug, "term": term.pk})


def test_upcoming_reminders_show_send_time_audience_and_a_dry_run_that_is_what_is_sent(org_a):
    term = _term(org_a)
    close = term.applications_close_at
    tokyo = UserFactory(timezone="Asia/Tokyo", display_name="Aiko")
    ApplicationFactory(term=term, state="draft", applicant=tokyo)
    ApplicationFactory(term=term, state="draft")
    ApplicationFactory(term=term, state="submitted")
    OutboxEmail.objects.all().delete()
    now = close - timedelta(days=5)
    with scope(organization=org_a.organization):
        row = _row(term_reminders(term=term, now=now), RULE)
    assert row.sends == [((close - timedelta(days=1)).replace(second=0, microsecond=0), 2)]
    assert row.audience == 2 and not row.paused and row.sent_total == 0
    sample = row.sample
    with time_machine.travel(close - timedelta(hours=20), tick=False):
        assert reminder_sweep(now=timezone.now()) >= 2
    sent = OutboxEmail.objects.get(to=sample["to"], topic=f"reminder:{RULE}:{term.pk}")
    # The dry run renders through the sweep's own message and renderer: the same email.
    assert (sent.subject, sent.text_body, sent.html_body) == (
        sample["subject"],
        sample["text"],
        sample["html"],
    )
    if sample["to"] == tokyo.email:
        assert "Asia/Tokyo" in sent.text_body
    with scope(organization=org_a.organization):
        row = _row(term_reminders(term=term, now=close - timedelta(hours=19)), RULE)
    assert row.sends == [] and row.audience == 0  # nothing left to send: all claimed
    assert row.sent == {"queued": 2} or row.sent.get("sent", 0) + row.sent.get("queued", 0) == 2


def test_a_paused_rule_sends_nothing_for_its_term_and_resuming_sends_what_is_due(org_a, org_b):
    term, other = _term(org_a), _term(org_b)
    draft = ApplicationFactory(term=term, state="draft")
    elsewhere = ApplicationFactory(term=other, state="draft")
    OutboxEmail.objects.all().delete()
    admin = client_with_second_factor(org_a.admin)
    for name in ("applications.close_in_3_days", RULE):
        response = admin.post(_page(org_a, term), {"rule": name, "action": "pause"})
        assert response.status_code == 302
    assert ReminderPause.objects.filter(term_id=term.pk).count() == 2
    with time_machine.travel(term.applications_close_at - timedelta(hours=2), tick=False):
        reminder_sweep(now=timezone.now())
    assert not OutboxEmail.objects.filter(to=draft.applicant.email).exists()
    assert OutboxEmail.objects.filter(to=elsewhere.applicant.email).exists()  # other term
    admin.post(_page(org_a, term), {"rule": RULE, "action": "resume"})
    with time_machine.travel(term.applications_close_at - timedelta(hours=1), tick=False):
        reminder_sweep(now=timezone.now())
    (row,) = OutboxEmail.objects.filter(to=draft.applicant.email)
    assert row.topic == f"reminder:{RULE}:{term.pk}"  # the 3-day one stays paused


def test_the_page_shows_upcoming_reminders_a_preview_and_what_went_out(org_a):
    term = _term(org_a)
    ApplicationFactory(term=term, state="draft", applicant=UserFactory(display_name="Zed"))
    with time_machine.travel(term.applications_close_at - timedelta(days=2), tick=False):
        reminder_sweep(now=timezone.now())  # the 3-day reminder went out
        OutboxEmail.objects.filter(topic__contains="close_in_3_days").update(
            state=OutboxState.FAILED
        )
        response = client_with_second_factor(org_a.admin).get(_page(org_a, term))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 day before applications close" in page
    assert "Preview the email (dry run, to Zed)" in page
    assert "1 failed" in page
    detail = client_with_second_factor(org_a.admin).get(
        reverse("programs:term-detail", kwargs={"org": org_a.organization.slug, "term": term.pk})
    )
    assert _page(org_a, term) in detail.content.decode()


@pytest.mark.parametrize("who", ["mentor", "coordinator"])
def test_only_admins_see_and_steer_a_terms_reminders(org_a, who):
    term = _term(org_a)
    client = client_for(getattr(org_a, who))
    assert client.get(_page(org_a, term)).status_code in (403, 404)
    assert client.post(_page(org_a, term), {"rule": RULE, "action": "pause"}).status_code in (
        403,
        404,
    )
    assert not ReminderPause.objects.exists()


def test_bad_input_is_refused_and_nothing_is_written(org_a):
    term = _term(org_a)
    admin = client_with_second_factor(org_a.admin)
    response = admin.post(
        _page(org_a, term), {"rule": "no.such_rule", "action": "pause"}, follow=True
    )
    assert "There is no reminder rule of that name." in response.content.decode()
    response = admin.post(_page(org_a, term), {"rule": RULE, "action": "explode"}, follow=True)
    assert "Choose to pause or to resume" in response.content.decode()
    api = api_client_with_second_factor(org_a.admin)
    assert api.post(_api(org_a, term), {"rule": "nope", "paused": True}).status_code == 400
    assert api.post(_api(org_a, term), {"rule": RULE}, format="json").status_code == 400
    assert not ReminderPause.objects.exists()


def test_the_api_lists_rules_with_a_sample_and_pauses_one(org_a):
    term = _term(org_a)
    ApplicationFactory(term=term, state="draft")
    api = api_client_with_second_factor(org_a.admin)
    with time_machine.travel(term.applications_close_at - timedelta(days=5), tick=False):
        rows = {row["rule"]: row for row in api.get(_api(org_a, term)).json()}
    assert rows[RULE]["audience"] == 1 and rows[RULE]["sample"]["subject"]
    assert rows[RULE]["sends"][0]["people"] == 1 and rows[RULE]["paused"] is False
    answer = api.post(_api(org_a, term), {"rule": RULE, "paused": True}, format="json")
    assert answer.status_code == 200 and answer.json() == {"rule": RULE, "paused": True}
    assert ReminderPause.objects.filter(term_id=term.pk, rule=RULE).exists()
    mentor = api_client_with_second_factor(org_a.mentor)
    assert mentor.get(_api(org_a, term)).status_code in (403, 404)


def test_the_page_costs_the_same_queries_for_few_and_many_drafts(org_a, django_assert_num_queries):
    term = _term(org_a)
    admin = client_with_second_factor(org_a.admin)
    ApplicationFactory(term=term, state="draft")
    with time_machine.travel(term.applications_close_at - timedelta(days=5), tick=False):
        admin.get(_page(org_a, term))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            admin.get(_page(org_a, term))
        for _ in range(15):
            ApplicationFactory(term=term, state="draft")
        with CaptureQueriesContext(connection) as many:
            response = admin.get(_page(org_a, term))
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_send_times_are_shown_in_the_admins_zone(org_a):
    term = _term(org_a)
    ApplicationFactory(term=term, state="draft")
    org_a.admin.timezone = "Asia/Tokyo"
    org_a.admin.save(update_fields=["timezone"])
    with time_machine.travel(term.applications_close_at - timedelta(days=5), tick=False):
        page = client_with_second_factor(org_a.admin).get(_page(org_a, term)).content.decode()
    from core.dates import format_instant

    send_at = (term.applications_close_at - timedelta(days=1)).replace(second=0, microsecond=0)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        assert format_instant(send_at) in page
