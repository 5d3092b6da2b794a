"""The sending side of the outbox: each write a task makes to an outbox row. A row moves
queued → sending (claimed by compare-and-set, so two workers never send it twice) → sent;
a failed attempt puts it back to queued to be retried, and after the last attempt it is
failed with its error kept."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.outbox.models import OutboxEmail, OutboxState
from core.transitions import state_transition

Q_ = OutboxState

# Retries: 30 seconds, doubling each time, never more than an hour apart; after the last
# attempt the row is marked failed with its error kept.
RETRY_FIRST_DELAY = 30
RETRY_MAX_DELAY = 3600
MAX_ATTEMPTS = 12
# A queued row whose task should have run this long ago is taken to be lost; a row left
# `sending` this long belongs to a worker that died mid-send.
LOST_AFTER = timedelta(minutes=10)
STUCK_SENDING_AFTER = timedelta(hours=1)
SWEEP_BATCH = 500


# (from, to) -> the timestamp the move sets. Queued rows are claimed for one attempt; an
# attempt ends sent, back in the queue (to be retried) or failed.
OUTBOX_TRANSITIONS = {
    (Q_.QUEUED, Q_.SENDING): "last_attempt_at",
    (Q_.SENDING, Q_.SENT): "sent_at",
    (Q_.SENDING, Q_.QUEUED): None,
    (Q_.SENDING, Q_.FAILED): None,
}
OUTBOX_REFUSALS = {
    Q_.SENDING: "Another worker is sending this email.",
    Q_.SENT: "This email was sent already.",
    Q_.FAILED: "This email failed after its last attempt.",
}


def _move(row: OutboxEmail, to_state: str, *, where: dict | None = None, **updates) -> OutboxEmail:
    """An outbox row's move: compare-and-set like every state change, not audited (the row
    keeps its own attempts, error and times)."""
    return state_transition(
        obj=row,
        to_state=to_state,
        actor=None,
        transitions=OUTBOX_TRANSITIONS,
        refusals=OUTBOX_REFUSALS,
        updates=updates,
        where=where,
        audited=False,
    )


def outbox_attempt_end(row: OutboxEmail, to_state: str, **updates) -> bool:
    """Ends the attempt this worker claimed. Refused (False) when the row was claimed again
    meanwhile (the sweep gave a stuck attempt to another worker): the later attempt owns it."""
    try:
        _move(row, to_state, where={"attempts": row.attempts}, **updates)
    except ValidationError:
        return False
    return True


@dataclass(frozen=True)
class Delivery:
    """What an attempt came to: `sent`, `skipped` (not queued: sent, failed or claimed by
    another worker), `retry` (after `countdown` seconds) or `failed` (no attempts left)."""

    outcome: str
    countdown: int = 0


def retry_delay(attempts: int) -> int:
    """Seconds to wait before the next attempt, after `attempts` failed ones."""
    return min(RETRY_FIRST_DELAY * 2 ** max(attempts - 1, 0), RETRY_MAX_DELAY)


def outbox_email_claim(*, outbox_id: int, now: datetime) -> OutboxEmail | None:
    """Takes a queued row for one attempt; None when it is not queued any more."""
    row = OutboxEmail.objects.filter(pk=outbox_id).first()
    if row is None:
        return None
    try:
        return _move(row, Q_.SENDING, attempts=F("attempts") + 1, last_attempt_at=now)
    except ValidationError:
        return None


def outbox_email_deliver(*, outbox_id: int) -> Delivery:
    """One attempt at sending a row. Never raises for a mail server's error: the error is
    kept on the row, which goes back to the queue (or is failed after the last attempt)."""
    row = outbox_email_claim(outbox_id=outbox_id, now=timezone.now())
    if row is None:
        return Delivery("skipped")
    message = EmailMultiAlternatives(
        subject=row.subject, body=row.text_body, to=[row.to], headers=row.headers or None
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any failure to hand over is retried
        return _attempt_failed(row, f"{type(error).__name__}: {error}")
    outbox_attempt_end(row, Q_.SENT, last_error="")
    return Delivery("sent")


def _attempt_failed(row: OutboxEmail, error: str) -> Delivery:
    now = timezone.now()
    if row.attempts >= MAX_ATTEMPTS:
        outbox_attempt_end(row, Q_.FAILED, last_error=error[:4000])
        return Delivery("failed")
    countdown = retry_delay(row.attempts)
    if not outbox_attempt_end(
        row, Q_.QUEUED, last_error=error[:4000], next_attempt_at=now + timedelta(seconds=countdown)
    ):
        return Delivery("skipped")
    return Delivery("retry", countdown)


def outbox_lost_rows(*, now: datetime) -> list[int]:
    """CROSS-TENANT (the outbox is platform plumbing): rows whose task was lost. A row left
    `sending` past STUCK_SENDING_AFTER goes back to the queue; the ids returned are queued
    rows whose attempt is overdue by LOST_AFTER, for the sweep to enqueue again (a row
    enqueued twice is still sent once: each attempt claims it first)."""
    stuck = OutboxEmail.objects.filter(
        state=Q_.SENDING, last_attempt_at__lt=now - STUCK_SENDING_AFTER
    )[:SWEEP_BATCH]
    for row in stuck:
        try:
            _move(row, Q_.QUEUED, next_attempt_at=now - LOST_AFTER)
        except ValidationError:
            pass  # its worker finished meanwhile
    with transaction.atomic():
        ids = list(
            OutboxEmail.objects.filter(state=Q_.QUEUED, next_attempt_at__lte=now - LOST_AFTER)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        # Give each a fresh deadline, so the next sweep does not enqueue it again while its
        # new task is waiting in the broker.
        OutboxEmail.objects.filter(pk__in=ids, state=Q_.QUEUED).update(next_attempt_at=now)
    return ids
