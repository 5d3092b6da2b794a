"""The email outbox: messages are rendered and queued with the change that causes them,
one per recipient in that recipient's time zone, and sent by a task after commit. A mail
server that is down delays an email but neither loses it nor fails the request."""

import socket
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.invitations.models import Invitation
from applications.decisions.models import Offer
from core.outbox.delivery import (
    MAX_ATTEMPTS,
    OUTBOX_REFUSALS,
    OUTBOX_TRANSITIONS,
    outbox_attempt_end,
    outbox_email_claim,
    outbox_email_deliver,
    outbox_lost_rows,
    retry_delay,
)
from core.outbox.models import OutboxEmail, OutboxState
from core.outbox.services import email_queue
from core.outbox.tasks import outbox_sweep, send_email
from core.reminders.models import ReminderClaim
from core.reminders.services import reminder_sweep
from core.transitions import state_transition
from tests.conftest import client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db

INSTANT = datetime(2027, 5, 10, 18, 0, tzinfo=UTC)


def queue(to, **extra):
    return email_queue(
        to=to,
        template="offer_reminder",
        context={
            "name": "Mina",
            "program": "Kernel Mentorship",
            "organization": "Alpha",
            "deadline": INSTANT,
            "offer_link": "https://example.test/offer/",
        },
        **extra,
    )


def rows():
    return list(OutboxEmail.objects.order_by("to"))


@pytest.fixture
def mail_server_down(settings):
    """The real SMTP backend pointed at a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return settings


def test_queued_with_the_transaction_and_sent_only_after_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (row,) = queue(["ines@example.test"])
    assert row.state == OutboxState.QUEUED and mail.outbox == []
    assert len(callbacks) == 1  # one task per row, enqueued on commit
    callbacks[0]()
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.SENT, 1) and row.sent_at is not None
    (message,) = mail.outbox
    assert message.to == ["ines@example.test"]
    assert message.subject == "[Mentorship] Reminder: confirm your place in Kernel Mentorship"
    assert message.alternatives[0][1] == "text/html"


def test_a_rolled_back_change_leaves_no_row_and_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue(["ines@example.test"])
            raise RuntimeError("the change failed")
    assert rows() == [] and mail.outbox == []


def test_one_message_per_recipient_nobody_sees_the_others(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(["b@example.test", "a@example.test", "", "b@example.test"])
    assert [row.to for row in rows()] == ["a@example.test", "b@example.test"]
    assert sorted(m.to for m in mail.outbox) == [["a@example.test"], ["b@example.test"]]


def test_instants_are_shown_in_each_recipients_own_time_zone(django_capture_on_commit_callbacks):
    UserFactory(email="berlin@example.test", timezone="Europe/Berlin")
    UserFactory(email="tokyo@example.test", timezone="Asia/Tokyo")
    with django_capture_on_commit_callbacks(execute=True):
        queue(["berlin@example.test", "tokyo@example.test", "guest@example.test"])
    bodies = {m.to[0]: m.body for m in mail.outbox}
    # The site's one format (core.dates): the zone named unambiguously.
    assert "10 May 2027, 20:00 Europe/Berlin" in bodies["berlin@example.test"]
    assert "11 May 2027, 03:00 Asia/Tokyo" in bodies["tokyo@example.test"]
    assert "10 May 2027, 18:00 UTC" in bodies["guest@example.test"]  # the site's default


def test_sending_once_is_the_callers_record_not_the_outbox():
    """One way to send an email once: the caller's own sent-log (the decisions' DecisionEmail),
    written in the transaction that queues it. The outbox has no second mechanism."""
    assert "dedupe_key" not in {field.name for field in OutboxEmail._meta.get_fields()}
    with pytest.raises(TypeError):
        queue(["a@example.test"], dedupe_key="reminder:7")
    assert OutboxEmail.objects.count() == 0


def test_a_mail_server_that_is_down_delays_the_email_without_failing_the_request(
    org_a, org_b, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org_a.admin).post(
            "/o/alpha/invitations/", {"email": "ines@example.test", "role": "mentor"}
        )
    assert response.status_code == 302
    assert Invitation.objects.with_scopes_disabled().filter(email="ines@example.test").exists()
    (row,) = rows()
    assert (row.state, row.attempts, row.organization) == (
        OutboxState.QUEUED,
        1,
        org_a.organization,
    )
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at > row.last_attempt_at  # backed off before the next attempt
    assert mail.outbox == []

    # The server is back: the retry sends it, exactly once.
    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_email.delay(row.pk).get() == "sent"
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.SENT, 2) and row.sent_at is not None
    assert [m.to for m in mail.outbox] == [["ines@example.test"]]
    assert "/invitations/" in mail.outbox[0].body

    # A second run on a sent row sends nothing.
    assert send_email.delay(row.pk).get() == "skipped"
    assert len(mail.outbox) == 1


def test_allauths_emails_wait_in_the_outbox_when_the_mail_server_is_down(
    mail_server_down, django_capture_on_commit_callbacks
):
    user = UserFactory(email="forgetful@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    (row,) = rows()
    assert (row.to, row.state, row.attempts, row.organization) == (
        "forgetful@example.test",
        OutboxState.QUEUED,
        1,
        None,
    )
    assert row.subject.startswith("[Mentorship] ")
    assert "/accounts/password/reset/key/" in row.text_body
    assert "ConnectionRefusedError" in row.last_error


def test_allauths_emails_are_sent_from_the_outbox_after_commit(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="forgetful@example.test")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Client().post("/accounts/password/reset/", {"email": user.email})
    (row,) = rows()
    assert row.state == OutboxState.QUEUED and mail.outbox == []  # nothing sent in the request
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
    (message,) = mail.outbox
    assert (message.to, message.subject, message.body) == (
        ["forgetful@example.test"],
        row.subject,
        row.text_body,
    )


def test_after_the_last_attempt_the_email_is_failed_with_its_error_kept(mail_server_down):
    (row,) = queue(["a@example.test"])
    OutboxEmail.objects.filter(pk=row.pk).update(attempts=MAX_ATTEMPTS - 1)
    assert outbox_email_deliver(outbox_id=row.pk).outcome == "failed"
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.FAILED, MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in row.last_error
    assert outbox_email_deliver(outbox_id=row.pk).outcome == "skipped"  # not retried again


def test_retries_back_off_from_30_seconds_doubling_up_to_an_hour():
    assert [retry_delay(n) for n in (1, 2, 3, 4, 7, 8, 11)] == [30, 60, 120, 240, 1920, 3600, 3600]


def test_the_sweep_enqueues_again_an_email_whose_task_was_lost(
    django_capture_on_commit_callbacks,
):
    lost, fresh = queue(["lost@example.test", "new@example.test"])  # never committed: no task
    now = timezone.now()
    OutboxEmail.objects.filter(pk=lost.pk).update(next_attempt_at=now - timedelta(minutes=11))
    stuck = queue(["stuck@example.test"])[0]
    OutboxEmail.objects.filter(pk=stuck.pk).update(
        state=OutboxState.SENDING, attempts=1, last_attempt_at=now - timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lost@example.test", "stuck@example.test"]
    states = {row.to: row.state for row in rows()}
    assert states == {
        "lost@example.test": OutboxState.SENT,
        "new@example.test": OutboxState.QUEUED,  # its task may still be on its way
        "stuck@example.test": OutboxState.SENT,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 0
    assert len(mail.outbox) == 2


def test_a_sent_log_claim_never_strands_its_email(
    org_a, org_b, mail_server_down, django_capture_on_commit_callbacks
):
    """The offer reminder is claimed once (the reminders' claims); the claim and the queued
    message commit together, so a mail server that is down when the sweep runs only delays
    the reminder, and the next sweep does not queue it a second time."""
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    term = term_in(program, announced_cycle(), primary_mentor=org_a.mentor, capacity=1)
    application = ApplicationFactory(term=term, applicant=UserFactory(email="m@x.test"))
    accept(application, org_a.admin)
    offer = Offer.objects.with_scopes_disabled().get(application=application)
    OutboxEmail.objects.all().delete()
    mail.outbox.clear()
    with (
        time_machine.travel(offer.deadline - timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert reminder_sweep(now=timezone.now()) == 1
        assert reminder_sweep(now=timezone.now()) == 0
    claims = ReminderClaim.objects.filter(rule="mentorship.offer_deadline")
    assert claims.count() == 1
    (row,) = rows()
    assert (row.to, row.state, row.attempts) == ("m@x.test", OutboxState.QUEUED, 1)
    assert mail.outbox == []

    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxEmail.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 1
    (email,) = mail.outbox
    assert email.to == ["m@x.test"] and "Reminder" in email.subject


# The outbox's moves, written out here (not read from the production table): every listed
# move succeeds from a fresh row; every other pair is refused and changes nothing.
OUTBOX_ALLOWED = {
    ("queued", "sending"),
    ("sending", "sent"),
    ("sending", "queued"),
    ("sending", "failed"),
}
OUTBOX_STATES = ["queued", "sending", "sent", "failed"]


@pytest.mark.parametrize(
    "from_state,to_state",
    [(a, b) for a in OUTBOX_STATES for b in OUTBOX_STATES if a != b or a == "queued"],
)
def test_an_outbox_row_moves_only_along_its_table(from_state, to_state):
    assert {(str(a), str(b)) for a, b in OUTBOX_TRANSITIONS} == OUTBOX_ALLOWED
    row = OutboxEmail.objects.create(
        to="someone@example.test", subject="s", text_body="t", next_attempt_at=timezone.now()
    )
    OutboxEmail.objects.filter(pk=row.pk).update(state=from_state)
    row.refresh_from_db()
    move = {
        "obj": row,
        "to_state": to_state,
        "actor": None,
        "transitions": OUTBOX_TRANSITIONS,
        "refusals": OUTBOX_REFUSALS,
        "audited": False,
    }
    if (from_state, to_state) in OUTBOX_ALLOWED:
        state_transition(**move)
        row.refresh_from_db()
        assert row.state == to_state
    else:
        with pytest.raises(ValidationError):
            state_transition(**move)
        row.refresh_from_db()
        assert row.state == from_state


def test_celery_never_stops_retrying_before_the_rows_own_attempt_limit():
    assert send_email.max_retries is None


def test_a_worker_whose_attempt_was_handed_to_another_cannot_end_it():
    row = OutboxEmail.objects.create(
        to="someone@example.test", subject="s", text_body="t", next_attempt_at=timezone.now()
    )
    stuck = outbox_email_claim(outbox_id=row.pk, now=timezone.now())
    later = timezone.now() + timedelta(hours=2)
    assert row.pk in outbox_lost_rows(now=later)  # the sweep gives the stuck attempt back
    again = outbox_email_claim(outbox_id=row.pk, now=later)
    assert again.attempts == stuck.attempts + 1
    assert outbox_attempt_end(stuck, OutboxState.SENT) is False
    assert outbox_attempt_end(again, OutboxState.SENT) is True
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
