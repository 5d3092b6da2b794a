"""django-allauth's account adapter: its emails (sign-up verification, password reset,
email-change and other account notices) are rendered with allauth's own templates and
queued in the outbox like every other email, instead of being sent during the request: a
mail server that is down delays them and fails no page."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.auth import update_session_auth_hash
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.utils.html import strip_tags

from accounts.tokens.services import api_tokens_revoke_all
from core.outbox.services import email_queue_rendered

# allauth's notices of a change to the person's credentials. Each such change revokes their
# API tokens and signs out their other sessions (the password and the email address are part
# of every session's signature: accounts.people.models.User._get_session_auth_hash), and the
# notice says so (templates/account/email/*_message.txt).
CREDENTIAL_CHANGES = {
    "account/email/password_changed",
    "account/email/password_set",
    "account/email/password_reset",
    "account/email/email_changed",
}


class AccountAdapter(DefaultAccountAdapter):
    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        """allauth calls this once after each change of password or email address: the one
        place where the change's consequences happen, so the email never promises what did
        not happen."""
        if template_prefix in CREDENTIAL_CHANGES:
            revoked = api_tokens_revoke_all(user=user)
            request = self.request
            if request is not None and getattr(request, "user", None) is not None:
                if request.user.is_authenticated and request.user.pk == user.pk:
                    # Keep the session that made the change; the others no longer match.
                    update_session_auth_hash(request, user)
            context = {**(context or {}), "api_tokens_revoked": revoked}
        super().send_notification_mail(template_prefix, user, context=context, email=email)

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
