"""The one way to send email: `email_queue` renders the message now, once per recipient in
that recipient's time zone, and writes one outbox row per recipient in the caller's
transaction; a task sends each row after commit. A rolled-back change leaves no row and
sends nothing; a mail server that is down only delays the email."""

import zoneinfo
from datetime import tzinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

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


def _recipient_zones(addresses: list[str]) -> dict[str, tzinfo]:
    """Each address's zone: the user's own for an address that belongs to a user, the
    site's default for anyone else."""
    users = get_user_model().objects.filter(email__in=[a.lower() for a in addresses])
    by_email = {email.lower(): zone for email, zone in users.values_list("email", "timezone")}
    return {address: _zone(by_email.get(address.lower())) for address in addresses}


def _render(template: str, context: dict) -> tuple[str, str, str]:
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


@transaction.atomic
def email_queue(
    *,
    to: list[str],
    template: str,
    context: dict,
    organization=None,
) -> list[OutboxEmail]:
    """Queues templates/emails/<template>_subject.txt, .txt and .html to each address, one
    message per recipient (nobody sees the others' addresses), rendered now with instants
    shown in the recipient's zone (`time_zone` in the context names it). Returns the rows
    created. A message that must go once is the caller's to record (the decisions keep
    their own sent-log, written in the same transaction)."""
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        return []
    zones = _recipient_zones(recipients)
    now = timezone.now()
    rows = []
    for address in recipients:
        zone = zones[address]
        with timezone.override(zone):
            subject, text, html = _render(
                template,
                {
                    "site_url": settings.SITE_URL.rstrip("/"),
                    "time_zone": timezone.get_current_timezone_name(),
                    **context,
                },
            )
        row = OutboxEmail(
            to=address,
            subject=subject,
            text_body=text,
            html_body=html,
            organization=organization,
            next_attempt_at=now,
        )
        row.save()
        rows.append(row)
        enqueue_on_commit(send_email, row.pk)
    return rows
