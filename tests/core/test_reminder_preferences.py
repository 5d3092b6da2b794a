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
from tests.factories.accounts import UserFactory
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


STAFF_RULE = "payments.stipends_not_paid"


def test_the_staff_reminders_show_to_staff_only_and_keep_their_setting(org_a):
    mentor = client_for(org_a.mentor).get("/me/reminders/").content.decode()
    assert STAFF_RULE not in mentor and "Platform staff" not in mentor
    staff = UserFactory(is_staff=True)
    assert (
        f'value="{STAFF_RULE}" checked' in client_for(staff).get("/me/reminders/").content.decode()
    )
    # A person who is not staff saves the page: a staff rule they had off stays off.
    ReminderOptOut.objects.create(user=org_a.mentor, rule=STAFF_RULE)
    client_for(org_a.mentor).post("/me/reminders/", {"on": [SELECTION]})
    assert ReminderOptOut.objects.filter(user=org_a.mentor, rule=STAFF_RULE).exists()


def test_the_api_reads_and_sets_the_preferences_like_the_page(org_a):
    client = client_for(org_a.mentor)
    answer = client.get("/api/v1/me/reminders/")
    assert answer.status_code == 200
    optional = {r["name"]: r["on"] for r in answer.json()["optional"]}
    always = {r["name"] for r in answer.json()["always"]}
    assert optional[SELECTION] is True and "applications.close_tomorrow" in always
    assert STAFF_RULE not in optional
    answer = client.put(
        "/api/v1/me/reminders/", {"off": [SELECTION]}, content_type="application/json"
    )
    assert answer.status_code == 200
    assert {r["name"]: r["on"] for r in answer.json()["optional"]}[SELECTION] is False
    assert ReminderOptOut.objects.filter(user=org_a.mentor, rule=SELECTION).exists()
    # Every other one on again, the page shows the same.
    client.put("/api/v1/me/reminders/", {"off": []}, content_type="application/json")
    assert not ReminderOptOut.objects.filter(user=org_a.mentor).exists()
    assert f'value="{SELECTION}" checked' in client.get("/me/reminders/").content.decode()


@pytest.mark.parametrize(
    "off, message",
    [
        (["applications.close_tomorrow"], "is always sent"),
        (["no.such.rule"], "No reminder of yours"),
        ([STAFF_RULE], "No reminder of yours"),  # not a staff member's reminder to set
        ("applications.selection_in_3_days", "list"),
    ],
)
def test_the_api_refuses_what_is_not_an_optional_reminder_of_yours(org_a, off, message):
    ReminderOptOut.objects.create(user=org_a.mentor, rule=SELECTION)
    answer = client_for(org_a.mentor).put(
        "/api/v1/me/reminders/", {"off": off}, content_type="application/json"
    )
    assert answer.status_code == 400 and message in str(answer.json()["off"])
    # Nothing half-written: the earlier setting stands.
    assert list(
        ReminderOptOut.objects.filter(user=org_a.mentor).values_list("rule", flat=True)
    ) == [SELECTION]


def test_the_api_wants_a_signed_in_person():
    assert Client().get("/api/v1/me/reminders/").status_code in (401, 403)
