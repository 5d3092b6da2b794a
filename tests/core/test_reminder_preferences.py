"""Reminder preferences: a person turns optional reminders off (the preferences page, or one
click on the email's List-Unsubscribe, RFC 8058); deadlines on their own application or
evaluation stay on and carry no List-Unsubscribe."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_scopes import scope

from core.outbox.models import OutboxEmail
from core.outbox.tasks import send_email
from core.reminders.models import ReminderOptOut
from core.reminders.services import reminder_sweep, unsubscribe_token
from programs.terms.models import Milestone
from tests.conftest import client_for
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import term_in
from tests.factories.programs import CycleFactory, ProgramFactory

pytestmark = pytest.mark.django_db

SELECTION = "applications.selection_in_3_days"


def _selection_term(tenant):
    term = term_in(
        ProgramFactory(organization=tenant.organization),
        CycleFactory(),
        primary_mentor=tenant.mentor,
    )
    ApplicationFactory(term=term, state="submitted")
    ApplicationFactory(term=term, state="draft")
    with scope(organization=tenant.organization):
        deadline = Milestone.objects.get(term=term, kind="review_end").at
    return term, deadline


def test_an_optional_reminder_carries_a_one_click_unsubscribe_that_turns_it_off(org_a):
    term, deadline = _selection_term(org_a)
    OutboxEmail.objects.all().delete()
    with time_machine.travel(deadline - timedelta(days=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1
    (row,) = OutboxEmail.objects.filter(to=org_a.mentor.email)
    assert row.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = row.headers["List-Unsubscribe"].strip("<>")
    assert url in row.text_body
    mail.outbox.clear()
    send_email(row.pk)
    assert mail.outbox[0].extra_headers["List-Unsubscribe"] == f"<{url}>"

    path = url.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client(enforce_csrf_checks=True)  # a mail client: no session, no CSRF token
    assert "Stop these reminders" in anonymous.get(f"/{path}").content.decode()
    response = anonymous.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Done" in response.content.decode()
    assert ReminderOptOut.objects.filter(user=org_a.mentor, rule=SELECTION).exists()
    # Off: the day-before reminder of the same rule family is another rule, still on.
    with time_machine.travel(deadline - timedelta(hours=3), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1


def test_a_tampered_or_mandatory_unsubscribe_address_is_a_404(org_a):
    client = Client()
    assert client.get("/reminders/unsubscribe/not-a-token/").status_code == 404
    token = unsubscribe_token(user_id=org_a.mentor.pk, rule="applications.close_tomorrow")
    assert client.post(f"/reminders/unsubscribe/{token}/").status_code == 404
    assert not ReminderOptOut.objects.exists()


def test_the_preferences_page_turns_optional_reminders_off_and_never_deadlines(org_a):
    term, deadline = _selection_term(org_a)
    client = client_for(org_a.mentor)
    page = client.get("/me/reminders/").content.decode()
    assert 'value="applications.selection_in_3_days" checked' in page
    assert "Always sent" in page and "before applications close" in page
    # Everything unticked, and a mandatory rule smuggled in: only optional ones go off.
    response = client.post("/me/reminders/", {"on": []})
    assert response.status_code == 302
    off = set(ReminderOptOut.objects.filter(user=org_a.mentor).values_list("rule", flat=True))
    assert SELECTION in off and "applications.close_tomorrow" not in off
    assert not any(rule.startswith("mentorship.evaluation_due") for rule in off)
    OutboxEmail.objects.all().delete()
    with time_machine.travel(deadline - timedelta(days=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 0
    # On again: what is still due is sent.
    client.post("/me/reminders/", {"on": [SELECTION]})
    with time_machine.travel(deadline - timedelta(days=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1


def test_deadlines_on_ones_own_application_carry_no_unsubscribe(org_a):
    term = term_in(ProgramFactory(organization=org_a.organization), CycleFactory())
    draft = ApplicationFactory(term=term, state="draft")
    OutboxEmail.objects.all().delete()
    with time_machine.travel(term.applications_close_at - timedelta(hours=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1
    (row,) = OutboxEmail.objects.filter(to=draft.applicant.email)
    assert row.headers == {} and "Stop this kind" not in row.text_body
