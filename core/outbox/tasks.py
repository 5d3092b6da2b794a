"""The outbox's tasks: send one row, and sweep up rows whose task was lost. Thin shells over
core.outbox.delivery."""

from celery import shared_task
from django.utils import timezone

from core.outbox.delivery import outbox_email_deliver, outbox_lost_rows
from core.tasks import enqueue_on_commit


# The row counts attempts and fails itself after the last one (core.outbox.delivery), so Celery
# must not stop retrying first: its default would give up after 3.
@shared_task(name="core.send_email", bind=True, max_retries=None)
def send_email(self, outbox_id: int) -> str:
    """Sends one outbox row. A failed attempt is retried with backoff by a new run of this
    task; run in-process (eager: tests, or no broker) it is not, since that would loop
    inside the request: the row stays queued for the sweep."""
    delivery = outbox_email_deliver(outbox_id=outbox_id)
    if delivery.outcome == "retry" and not self.request.is_eager:
        raise self.retry(countdown=delivery.countdown)
    return delivery.outcome


@shared_task(name="core.send_emails")
def send_emails(outbox_ids: list[int]) -> dict:
    """Sends a chunk of outbox rows (core.outbox.services queues them in chunks), one attempt
    each; a row whose attempt failed is retried alone by `send_email` after its backoff. Safe
    to run twice: each attempt claims its row first. Returns the count of each outcome."""
    outcomes: dict[str, int] = {}
    for outbox_id in outbox_ids:
        delivery = outbox_email_deliver(outbox_id=outbox_id)
        outcomes[delivery.outcome] = outcomes.get(delivery.outcome, 0) + 1
        if delivery.outcome == "retry" and not send_emails.request.is_eager:
            send_email.apply_async((outbox_id,), countdown=delivery.countdown)
    return outcomes


@shared_task(name="core.outbox_sweep")
def outbox_sweep() -> int:
    """Enqueues again the outbox rows whose task was lost; returns how many."""
    ids = outbox_lost_rows(now=timezone.now())
    for outbox_id in ids:
        enqueue_on_commit(send_email, outbox_id)
    return len(ids)
