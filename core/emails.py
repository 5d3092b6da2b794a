"""Emails of invitations, join requests and organization requests: text and HTML, sent
after the transaction that caused them commits (never for a change that rolled back)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def send_templated_email(*, to: list[str], template: str, context: dict) -> None:
    """Renders templates/emails/<template>_subject.txt, .txt and .html and sends them."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def email_on_commit(*, to: list[str], template: str, context: dict) -> None:
    """Sends after commit. The context is rendered then, so pass plain values."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_templated_email(to=recipients, template=template, context=context)
    )
