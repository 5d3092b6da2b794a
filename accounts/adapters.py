"""django-allauth's account adapter: its emails (sign-up verification, password reset,
email-change and other account notices) are rendered with allauth's own templates and
queued in the outbox like every other email, instead of being sent during the request: a
mail server that is down delays them and fails no page."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.utils.html import strip_tags

from core.outbox.services import email_queue_rendered


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """As allauth's own send_mail (same context, same templates), but the rendered
        message is queued in the outbox rather than sent."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        text, html = message.body, ""
        if isinstance(message, EmailMultiAlternatives):
            html = next(
                (content for content, mimetype in message.alternatives if mimetype == "text/html"),
                "",
            )
        elif message.content_subtype == "html":  # allauth found an HTML template only
            text, html = strip_tags(message.body), message.body
        email_queue_rendered(to=message.to, subject=message.subject, text=text, html=html)
