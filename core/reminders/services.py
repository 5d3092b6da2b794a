"""The reminder sweep: finds what each rule says is due, claims one row per (rule, subject,
recipient) and queues the email for the claims it made, in one transaction per batch."""

import logging
import uuid
from dataclasses import replace
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from core.audit.services import audit_record
from core.outbox.services import Message, email_queue_many, email_render
from core.reminders.models import ReminderClaim, ReminderOptOut, ReminderPause
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
    """Sets which of the optional rules the person sees (ReminderRule.shown_to) are off
    (the preferences page and the API); refused, with nothing changed, for any other name
    (one always sent, unknown, or not theirs). Rules the person does not see keep their
    setting (a staff rule for someone who becomes staff later)."""
    shown = [rule for rule in rules() if rule.shown_to(user)]
    optional = {rule.name for rule in shown if rule.optional}
    always = {rule.name for rule in shown if not rule.optional}
    errors = [
        f"“{name}” is always sent: it cannot be turned off."
        if name in always
        else f"No reminder of yours is named “{name}”."
        for name in sorted(off - optional)
    ]
    if errors:
        raise ValidationError({"off": errors})
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


# What differs between two recipients of one reminder rule's email, printed as it is by
# templates/emails/reminder.* (so the outbox renders each shape once).
PERSONAL = frozenset({"link", "unsubscribe"})


def reminder_topic(*, rule: str, term_id: int | None) -> str:
    """The outbox topic of a rule's reminders about one term (what the admins' page counts)."""
    return f"reminder:{rule}:{term_id or '-'}"


def reminder_message(
    *, rule: ReminderRule, due: Due, recipient_id: int, email: str, zone: str | None
) -> Message:
    """The email a reminder is, for one recipient: what the sweep queues and what the admins'
    dry run renders (core.outbox.services.email_render), so the preview is what is sent."""
    return Message(
        to=email,
        template="reminder",
        context={
            **due.context,
            "reminder_subject": f"emails/reminders/{rule.template}_subject.txt",
            "reminder_body": f"emails/reminders/{rule.template}.txt",
            "unsubscribe": unsubscribe_url(user_id=recipient_id, rule=rule.name)
            if rule.optional
            else "",
        },
        organization_id=due.organization_id,
        headers=_headers(rule, recipient_id),
        user_id=recipient_id,
        zone=zone,
        personal=PERSONAL,
        topic=reminder_topic(rule=rule.name, term_id=due.term_id),
    )


def _without(batch: list[Due], *, off: set[int]) -> list[Due]:
    return [
        replace(due, recipient_ids=[r for r in due.recipient_ids if r not in off]) for due in batch
    ]


def reminders_left(*, rule: ReminderRule, batch: list[Due]) -> list[Due]:
    """The batch without the recipients who turned the rule off and those already claimed
    (by earlier sweeps); dues left with nobody are dropped. Two queries at most. The sweep
    sends what this leaves; the admins' page counts it as the audience."""
    if rule.optional:
        # Those who turned the rule off are not claimed: turning it on again later sends
        # what is still due.
        off = set(
            ReminderOptOut.objects.filter(
                rule=rule.name,
                user_id__in={r for due in batch for r in due.recipient_ids},
            ).values_list("user_id", flat=True)
        )
        batch = _without(batch, off=off)
    # Claims made by earlier sweeps are read first, so a reminder found again on every sweep
    # while its window lasts costs a read, not a conflicting insert.
    held = set(
        ReminderClaim.objects.filter(
            rule=rule.name, subject__in={due.subject for due in batch}
        ).values_list("subject", "recipient_id")
    )
    left = []
    for due in batch:
        recipients = [r for r in dict.fromkeys(due.recipient_ids) if (due.subject, r) not in held]
        if recipients:
            left.append(replace(due, recipient_ids=recipients))
    return left


def claims_take(*, rule: str, wanted: list[tuple[str, int, int | None]]) -> set[tuple[str, int]]:
    """Inserts a claim per (subject, recipient, organization) of `rule` and returns the
    (subject, recipient) pairs this call inserted: one claimed before (committed, or being
    inserted by a concurrent transaction: the insert waits for it) is not returned. Call
    inside the transaction that queues the emails, so a claim and its email commit
    together. The one way to send something once per person: reminders and announcements."""
    if not wanted:
        return set()
    token = uuid.uuid4()
    ReminderClaim.objects.bulk_create(
        [
            ReminderClaim(
                rule=rule,
                subject=subject,
                recipient_id=recipient_id,
                organization_id=organization_id,
                token=token,
            )
            for subject, recipient_id, organization_id in wanted
        ],
        ignore_conflicts=True,
    )
    return set(ReminderClaim.objects.filter(token=token).values_list("subject", "recipient_id"))


@transaction.atomic
def reminder_send_batch(*, rule: ReminderRule, batch: list[Due]) -> int:
    """Claims the batch's reminders and queues an email for each claim this call inserted.
    A claim another sweep holds (committed, or being inserted: the insert waits for it) is
    skipped, so two sweeps at the same moment send each reminder once. A term where an admin
    paused the rule is left unclaimed. Returns how many were queued. A fixed number of
    queries whatever the batch's size (the outbox writes its rows in bulk)."""
    terms = {due.term_id for due in batch if due.term_id is not None}
    if terms:
        paused = set(
            ReminderPause.objects.filter(rule=rule.name, term_id__in=terms).values_list(
                "term_id", flat=True
            )
        )
        batch = [due for due in batch if due.term_id not in paused]
    batch = reminders_left(rule=rule, batch=batch)
    claims = claims_take(
        rule=rule.name,
        wanted=[
            (due.subject, recipient_id, due.organization_id)
            for due in batch
            for recipient_id in due.recipient_ids
        ],
    )
    if not claims:
        return 0
    people = {
        pk: (email, zone)
        for pk, email, zone in get_user_model()
        .objects.filter(pk__in={recipient for _, recipient in claims})
        .values_list("pk", "email", "timezone")
    }
    messages = []
    for due in batch:
        for recipient_id in dict.fromkeys(due.recipient_ids):
            email, zone = people.get(recipient_id, ("", None))
            if (due.subject, recipient_id) not in claims or not email:
                continue
            messages.append(
                reminder_message(
                    rule=rule, due=due, recipient_id=recipient_id, email=email, zone=zone
                )
            )
    email_queue_many(messages=messages)
    return len(messages)


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


@transaction.atomic
def reminder_pause_set(*, rule: str, term_id: int, organization, paused: bool, actor) -> bool:
    """Pauses (or resumes) a rule for one term; the sweep leaves a paused term's reminders
    unclaimed, so resuming sends what is still due. Returns whether anything changed. An
    unknown rule is refused."""
    if rule_get(rule) is None:
        raise ValidationError({"rule": "There is no reminder rule of that name."})
    if paused:
        pause, created = ReminderPause.objects.get_or_create(
            rule=rule,
            term_id=term_id,
            defaults={"organization": organization, "paused_by": actor},
        )
        changed = created
    else:
        pause = ReminderPause.objects.filter(rule=rule, term_id=term_id).first()
        changed = pause is not None and ReminderPause.objects.filter(pk=pause.pk).delete()[0] > 0
    if changed:
        audit_record(
            action="reminder.paused" if paused else "reminder.resumed",
            obj=pause,
            actor=actor,
            organization=organization,
            data={"rule": rule, "term": term_id},
        )
    return changed


def reminder_preview(*, rule: ReminderRule, due: Due, recipient_id: int) -> dict | None:
    """A dry run: the email `due` will be for one recipient, rendered as the sweep renders
    it (same message, same renderer, the recipient's zone), without claiming or queuing
    anything. None when the recipient has no address."""
    person = (
        get_user_model()
        .objects.filter(pk=recipient_id)
        .values("email", "timezone", "display_name")
        .first()
    )
    if not person or not person["email"]:
        return None
    message = reminder_message(
        rule=rule,
        due=due,
        recipient_id=recipient_id,
        email=person["email"],
        zone=person["timezone"],
    )
    subject, text, html = email_render(
        template=message.template, context=message.context, zone=message.zone
    )
    return {
        "to": person["email"],
        "name": person["display_name"],
        "zone": person["timezone"] or "",
        "subject": subject,
        "text": text,
        "html": html,
    }
