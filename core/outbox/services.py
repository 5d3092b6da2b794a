"""The one way to send email: a message is written as one outbox row per recipient in the
caller's transaction, and a task sends the rows after commit. A rolled-back change leaves no
row and sends nothing; a mail server that is down only delays the email.

`email_queue_many` is the door every message of ours goes through: it renders each message
in its recipient's time zone, writes all the rows in one insert, the recipients' in-app
notifications in another, and enqueues one sending task per SEND_CHUNK rows, so queuing
100,000 reminders or an announcement costs a fixed number of queries per batch, not per
person. `email_queue` is its shape for a few addresses (an event email); `email_queue_rendered`
takes a message a library rendered itself (django-allauth's emails, through
accounts.adapters.AccountAdapter)."""

import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import tzinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.notifications.models import Notification
from core.notifications.services import notifications_create
from core.outbox.models import OutboxEmail
from core.outbox.tasks import send_emails
from core.tasks import enqueue_on_commit

# Rows handed to one sending task (core.send_emails): few enough that a task is short, many
# enough that queuing a large batch enqueues a handful of tasks, not one per person.
SEND_CHUNK = 200
# The in-app notification's summary: the message's first paragraph, this long at most.
SUMMARY_CHARS = 280


def absolute_url(name: str, **kwargs) -> str:
    """A link for an email: the site's public address and the named route."""
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


@dataclass(frozen=True)
class Message:
    """One email to one address, to be rendered from templates/emails/<template>*. A message
    to a known account names its `user_id` and `zone` (the bulk callers already read them);
    otherwise the address is looked up once for the whole call."""

    to: str
    template: str
    context: dict
    organization_id: int | None = None
    headers: dict = field(default_factory=dict)
    user_id: int | None = None
    zone: str | None = None
    # Context keys whose values differ per recipient and are printed as they are (a link, an
    # unsubscribe address): messages alike but for these are rendered once and the values
    # put in after (escaped in the HTML), which is what lets 100,000 reminders render in
    # seconds. A key printed through a filter must not be named here.
    personal: frozenset[str] = frozenset()
    # OutboxEmail.topic: what the message is part of, counted on the admins' pages.
    topic: str = ""


_ZONES: dict[str, tzinfo] = {}


def _zone(name: str | None) -> tzinfo:
    if name:
        if name not in _ZONES:
            try:
                _ZONES[name] = zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                return timezone.get_default_timezone()
        return _ZONES[name]
    return timezone.get_default_timezone()


def email_render(*, template: str, context: dict, zone: str | None) -> tuple[str, str, str]:
    """Subject, text and HTML of a message as its recipient reads it: instants shown in
    `zone` (the recipient's; `time_zone` in the context names it). The sweep, the admins'
    dry run and announcements all render through here."""
    with timezone.override(_zone(zone)):
        context = {
            "site_url": settings.SITE_URL.rstrip("/"),
            "time_zone": timezone.get_current_timezone_name(),
            **context,
        }
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def _sentinel(key: str) -> str:
    return f"\x00{key}\x00"


def _render_message(message: Message, zone: str | None, cache: dict) -> tuple[str, str, str]:
    """`email_render` of the message; alike messages (same template, zone and context but
    for their `personal` values) share one rendering, the personal values put in after. An
    empty personal value is rendered as it is (a template may test it with `{% if %}`)."""
    personal = sorted(k for k in message.personal if message.context.get(k))
    try:
        key = (
            message.template,
            zone,
            tuple(personal),
            tuple(sorted((k, v) for k, v in message.context.items() if k not in personal)),
        )
        rendered = cache.get(key)
    except TypeError:  # an unhashable value in the context: rendered on its own
        key, rendered = None, None
    if rendered is None:
        context = {**message.context, **{k: _sentinel(k) for k in personal}}
        rendered = email_render(template=message.template, context=context, zone=zone)
        if key is not None:
            cache[key] = rendered
    subject, text, html = rendered
    for name in personal:
        value = str(message.context[name])
        subject = subject.replace(_sentinel(name), value)
        text = text.replace(_sentinel(name), value)
        html = html.replace(_sentinel(name), escape(value))
    return subject, text, html


_GREETING = re.compile(r"^(hello|hi|dear)\b[^\n]{0,60},$", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"\n\s*\n")


def notification_summary(text: str) -> str:
    """The in-app notification's body: the email's first paragraph after the greeting, short
    (the notification links to the page; the full email stays in the mailbox). Cheap: it
    runs once per message of a 100,000-message batch."""
    for paragraph in _PARAGRAPHS.split(text.strip()):
        lines = [
            line
            for line in (raw.strip() for raw in paragraph.splitlines())
            if line and not (line.startswith(("http://", "https://")) and " " not in line)
        ]
        if not lines or (len(lines) == 1 and _GREETING.match(lines[0])):
            continue
        summary = " ".join(lines)
        if len(summary) <= SUMMARY_CHARS:
            return summary
        cut = summary[: SUMMARY_CHARS - 1]
        return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return ""


def _users_by_address(addresses: list[str]) -> dict[str, tuple[str | None, int | None]]:
    """Each address's zone name and user id (None, None for an address of no account)."""
    users = get_user_model().objects.filter(email__in=[a.lower() for a in addresses])
    by_email = {
        email.lower(): (zone, pk)
        for email, zone, pk in users.values_list("email", "timezone", "pk")
    }
    return {address: by_email.get(address.lower(), (None, None)) for address in addresses}


def _enqueue_sending(ids: list[int]) -> None:
    for start in range(0, len(ids), SEND_CHUNK):
        enqueue_on_commit(send_emails, ids[start : start + SEND_CHUNK])


@transaction.atomic
def email_queue_many(*, messages: list[Message]) -> list[OutboxEmail]:
    """Queues each message: renders it in its recipient's zone, writes the rows in one insert
    and, for recipients with an account, their in-app notifications (a short summary and the
    link, `context["link"]`) in another; the rows are sent by tasks after commit. Returns the
    rows, in the order of `messages`. A message that must go once is the caller's to record
    (the reminder sweep's claims, an announcement's deliveries) in the same transaction."""
    messages = [m for m in messages if m.to and m.to.strip()]
    if not messages:
        return []
    unknown = [m.to for m in messages if m.user_id is None]
    people = _users_by_address(unknown) if unknown else {}
    rows, notifications = [], []
    now = timezone.now()
    renderings: dict = {}
    for message in messages:
        zone, user_id = message.zone, message.user_id
        if user_id is None:
            zone, user_id = people[message.to]
        subject, text, html = _render_message(message, zone, renderings)
        rows.append(
            OutboxEmail(
                to=message.to.strip(),
                subject=subject,
                text_body=text,
                html_body=html,
                organization_id=message.organization_id,
                headers=message.headers or {},
                topic=message.topic,
                next_attempt_at=now,
            )
        )
        if user_id is not None:
            # Every email to a person with an account also lands in their notifications.
            notifications.append(
                Notification(
                    user_id=user_id,
                    organization_id=message.organization_id,
                    title=subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX),
                    body=notification_summary(text),
                    link=str(message.context.get("link") or "")[:500],
                )
            )
    OutboxEmail.objects.bulk_create(rows)
    if notifications:
        notifications_create(rows=notifications)
    _enqueue_sending([row.pk for row in rows])
    return rows


def _recipients(to: list[str]) -> list[str]:
    return sorted({address.strip() for address in to if address and address.strip()})


@transaction.atomic
def email_queue(
    *,
    to: list[str],
    template: str,
    context: dict,
    organization=None,
    headers: dict | None = None,
) -> list[OutboxEmail]:
    """Queues templates/emails/<template>_subject.txt, .txt and .html to each address, one
    message per recipient (nobody sees the others' addresses), rendered now with instants
    shown in the recipient's zone. Returns the rows created. `headers` are added to each
    message. Goes through `email_queue_many`."""
    return email_queue_many(
        messages=[
            Message(
                to=address,
                template=template,
                context=context,
                organization_id=organization.pk if organization is not None else None,
                headers=headers or {},
            )
            for address in _recipients(to)
        ]
    )


@transaction.atomic
def email_queue_rendered(
    *, to: list[str], subject: str, text: str, html: str = "", organization=None
) -> list[OutboxEmail]:
    """Queues a message already rendered (subject, text body and optional HTML body), one row
    per recipient, like `email_queue`. For a library's own emails (django-allauth's sign-up,
    password-reset and account notices), so that they too wait in the outbox rather than
    being sent during the request. Returns the rows created."""
    now = timezone.now()
    rows = OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                to=address,
                subject=subject,
                text_body=text,
                html_body=html,
                organization=organization,
                next_attempt_at=now,
            )
            for address in _recipients(to)
        ]
    )
    _enqueue_sending([row.pk for row in rows])
    return rows
