"""The reminder sweep: finds what each rule says is due, claims one row per (rule, subject,
recipient) and queues the email for the claims it made, in one transaction per batch."""

import logging
import uuid
from datetime import datetime
from itertools import islice

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from core.outbox.services import email_queue
from core.reminders.models import ReminderClaim
from core.reminders.registry import Due, ReminderRule, rules

logger = logging.getLogger(__name__)

BATCH = 500  # reminders per transaction


def _batches(items, size):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@transaction.atomic
def reminder_send_batch(*, rule: ReminderRule, batch: list[Due]) -> int:
    """Claims the batch's reminders and queues an email for each claim this call inserted.
    A claim another sweep holds (committed, or being inserted: the insert waits for it) is
    skipped, so two sweeps at the same moment send each reminder once. Returns how many were
    queued."""
    token = uuid.uuid4()
    ReminderClaim.objects.bulk_create(
        [
            ReminderClaim(
                rule=rule.name,
                subject=due.subject,
                recipient_id=recipient_id,
                organization_id=due.organization_id,
                token=token,
            )
            for due in batch
            for recipient_id in dict.fromkeys(due.recipient_ids)
        ],
        ignore_conflicts=True,
    )
    claims = {
        (claim.subject, claim.recipient_id): claim
        for claim in ReminderClaim.objects.filter(token=token)
    }
    if not claims:
        return 0
    emails = dict(
        get_user_model()
        .objects.filter(pk__in={recipient for _, recipient in claims})
        .values_list("pk", "email")
    )
    # core names no higher app: the organization model is looked up by its label.
    organizations = (
        apps.get_model("accounts", "Organization")
        .objects.only("pk")
        .in_bulk({due.organization_id for due in batch if due.organization_id})
    )
    queued = []
    for due in batch:
        for recipient_id in dict.fromkeys(due.recipient_ids):
            claim = claims.get((due.subject, recipient_id))
            if claim is None or not emails.get(recipient_id):
                continue
            (row,) = email_queue(
                to=[emails[recipient_id]],
                template="reminder",
                context={
                    **due.context,
                    "reminder_subject": f"emails/reminders/{rule.template}_subject.txt",
                    "reminder_body": f"emails/reminders/{rule.template}.txt",
                },
                organization=organizations.get(due.organization_id),
            )
            claim.outbox = row
            queued.append(claim)
    ReminderClaim.objects.bulk_update(queued, ["outbox"])
    return len(queued)


def reminder_sweep(*, now: datetime) -> int:
    """Runs every rule at `now`; returns how many reminders were queued. A rule that fails is
    logged and the others go on (its reminders are found again by the next sweep)."""
    sent = 0
    for rule in rules():
        try:
            for batch in _batches(rule.due(now), BATCH):
                sent += reminder_send_batch(rule=rule, batch=batch)
        except Exception:
            logger.exception("Reminder rule %s failed; the sweep goes on", rule.name)
    return sent
