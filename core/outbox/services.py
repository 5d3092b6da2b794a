"""The one way to send email: a message is written as one outbox row per recipient in the
caller's transaction, and a task sends each row after commit. A rolled-back change leaves no
row and sends nothing; a mail server that is down only delays the email.

`email_queue` renders our own templates now, once per recipient in that recipient's time
zone; `email_queue_rendered` takes a message a library rendered itself (django-allauth's
emails, through accounts.adapters.AccountAdapter). Both write their rows with `_queue_row`."""

import zoneinfo
from datetime import tzinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.notifications.models import Notification
from core.notifications.services import notifications_create
from core.outbox.models import OutboxEmail
from core.outbox.tasks import send_email
from core.tasks import enqueue_on_commit


def absolute_url(name: str, **kwargs) -> str:
    """A link for an email: the site's public address and the named route."""
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def _zone(name: str | None) -> tzinfo:
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_default_timezone()


def _recipient_users(addresses: list[str]) -> dict[str, tuple[tzinfo, int | None]]:
    """Each address's zone and user id: the user's own zone for an address that belongs to a
    user, the site's default (and no user) for anyone else."""
    users = get_user_model().objects.filter(email__in=[a.lower() for a in addresses])
    by_email = {
        email.lower(): (zone, pk)
        for email, zone, pk in users.values_list("email", "timezone", "pk")
    }
    found = {address: by_email.get(address.lower(), (None, None)) for address in addresses}
    return {address: (_zone(zone), pk) for address, (zone, pk) in found.items()}


def _render(template: str, context: dict) -> tuple[str, str, str]:
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def _recipients(to: list[str]) -> list[str]:
    return sorted({address.strip() for address in to if address and address.strip()})


def _queue_row(
    *, to: str, subject: str, text: str, html: str, organization, headers: dict | None = None
) -> OutboxEmail:
    """Writes one row and enqueues its sending task for after the transaction commits."""
    row = OutboxEmail.objects.create(
        to=to,
        subject=subject,
        text_body=text,
        html_body=html,
        organization=organization,
        headers=headers or {},
        next_attempt_at=timezone.now(),
    )
    enqueue_on_commit(send_email, row.pk)
    return row


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
    shown in the recipient's zone (`time_zone` in the context names it). Returns the rows
    created. A message that must go once is the caller's to record (the decisions keep
    their own sent-log, written in the same transaction). `headers` are added to each message
    (a reminder's List-Unsubscribe)."""
    recipients = _recipients(to)
    if not recipients:
        return []
    people = _recipient_users(recipients)
    rows = []
    notifications = []
    for address in recipients:
        zone, user_id = people[address]
        with timezone.override(zone):
            subject, text, html = _render(
                template,
                {
                    "site_url": settings.SITE_URL.rstrip("/"),
                    "time_zone": timezone.get_current_timezone_name(),
                    **context,
                },
            )
        rows.append(
            _queue_row(
                to=address,
                subject=subject,
                text=text,
                html=html,
                organization=organization,
                headers=headers,
            )
        )
        if user_id is not None:
            # Every email to a person with an account also lands in their notifications.
            notifications.append(
                Notification(
                    user_id=user_id,
                    organization=organization,
                    title=subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX),
                    body=text,
                    link=str(context.get("link") or "")[:500],
                )
            )
    notifications_create(rows=notifications)
    return rows


@transaction.atomic
def email_queue_rendered(
    *, to: list[str], subject: str, text: str, html: str = "", organization=None
) -> list[OutboxEmail]:
    """Queues a message already rendered (subject, text body and optional HTML body), one row
    per recipient, like `email_queue`. For a library's own emails (django-allauth's sign-up,
    password-reset and account notices), so that they too wait in the outbox rather than
    being sent during the request. Returns the rows created."""
    return [
        _queue_row(to=address, subject=subject, text=text, html=html, organization=organization)
        for address in _recipients(to)
    ]
