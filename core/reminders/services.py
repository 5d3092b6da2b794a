"""The reminder sweep: finds what each rule says is due, claims one row per (rule, subject,
recipient) and queues the email for the claims it made, in one transaction per batch."""

import logging
import uuid
from datetime import datetime
from itertools import islice

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse

from core.outbox.services import email_queue
from core.reminders.models import ReminderClaim, ReminderOptOut
from core.reminders.registry import Due, ReminderRule, rule_get, rules

logger = logging.getLogger(__name__)

BATCH = 500  # reminders per transaction
UNSUBSCRIBE_SALT = "core.reminders.unsubscribe"


def unsubscribe_token(*, user_id: int, rule: str) -> str:
    return signing.dumps({"u": user_id, "r": rule}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user_id: int, rule: str) -> str:
    token = unsubscribe_token(user_id=user_id, rule=rule)
    return settings.SITE_URL.rstrip("/") + reverse("reminders:unsubscribe", args=[token])


def _headers(rule: ReminderRule, user_id: int) -> dict:
    """One-click List-Unsubscribe (RFC 8058) on the reminders a person may turn off."""
    if not rule.optional:
        return {}
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user_id=user_id, rule=rule.name)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def reminder_opt_out(*, user, rule: str) -> bool:
    """Turns an optional rule off for the person; returns whether it is off (a rule that
    cannot be turned off, or an unknown one, stays as it is)."""
    found = rule_get(rule)
    if found is None or not found.optional:
        return False
    ReminderOptOut.objects.get_or_create(user=user, rule=rule)
    return True


@transaction.atomic
def reminder_preferences_set(*, user, off: set[str]) -> None:
    """Sets which optional rules are off for the person (the preferences page)."""
    optional = {rule.name for rule in rules() if rule.optional}
    off = off & optional
    ReminderOptOut.objects.filter(user=user, rule__in=optional - off).delete()
    for name in sorted(off):
        ReminderOptOut.objects.get_or_create(user=user, rule=name)


def reminder_token_read(token: str) -> tuple[int, str] | None:
    """(user id, rule) of an unsubscribe link, or None when it was not ours."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["u"]), str(data["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


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
    if rule.optional:
        # Those who turned the rule off are not claimed: turning it on again later sends
        # what is still due.
        off = set(
            ReminderOptOut.objects.filter(
                rule=rule.name,
                user_id__in={r for due in batch for r in due.recipient_ids},
            ).values_list("user_id", flat=True)
        )
        batch = [
            Due(
                subject=due.subject,
                organization_id=due.organization_id,
                recipient_ids=[r for r in due.recipient_ids if r not in off],
                context=due.context,
            )
            for due in batch
        ]
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
                    "unsubscribe": unsubscribe_url(user_id=recipient_id, rule=rule.name)
                    if rule.optional
                    else "",
                },
                organization=organizations.get(due.organization_id),
                headers=_headers(rule, recipient_id),
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
