"""The emails of decisions: each (application, kind) is claimed in a unique sent-log row
and queued in the outbox in the same transaction, so a retried task or two sweeps never
send it twice, and a mail server that is down only delays it (the claim and the queued
message commit together; the outbox retries until it is sent)."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.visibility import decision_visible
from applications.decisions.models import DecisionEmail, EmailKind, Offer
from core.outbox.services import absolute_url, email_queue

S = ApplicationState


def decision_email_claim(application: Application, kind: str) -> bool:
    """Records that this kind of email of this application is queued; False when it was
    already. Only decision_email_queue calls it, in the transaction that queues it."""
    try:
        with transaction.atomic():
            DecisionEmail.objects.create(
                organization_id=application.organization_id, application=application, kind=kind
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def decision_email_queue(
    *, application: Application, kind: str, to: list[str], template: str, context: dict
) -> bool:
    """Queues a decisions-area email once per (application, kind): the sent-log claim and
    the outbox rows are written in one transaction, so neither exists without the other."""
    if not decision_email_claim(application, kind):
        return False
    email_queue(to=to, template=template, context=context, organization=application.organization)
    return True


def offer_email_context(application: Application) -> dict:
    term = application.term
    return {
        "name": application.applicant.name,
        "program": term.program.name,
        "organization": application.organization.name,
        "term": f"{term.cycle.name}, {term.short_kind}",
        "offer_link": absolute_url("mentorship:me-offer", application=application.public_id),
    }


@transaction.atomic
def decision_email_send(*, application: Application, now: datetime | None = None) -> bool:
    """The decision email, once the cycle's results are announced: an accepted applicant
    is told how to confirm and by when; a declined one gets the program's feedback."""
    now = now or timezone.now()
    if not decision_visible(application=application, now=now):
        return False
    application.refresh_from_db(fields=["state"])
    if application.state not in (S.ACCEPTED, S.DECLINED):
        return False
    context = offer_email_context(application)
    if application.state == S.ACCEPTED:
        offer = Offer.objects.get(application=application)
        template = "application_accepted"
        context["deadline"] = offer.deadline
    else:
        template = "application_declined"
        context["feedback"] = application.decision.feedback
    return decision_email_queue(
        application=application,
        kind=EmailKind.DECISION,
        to=[application.applicant.email],
        template=template,
        context=context,
    )
