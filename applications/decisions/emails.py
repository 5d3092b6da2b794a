"""The emails of decisions: each (application, kind) is claimed in a unique sent-log row
before it is queued, so a retried task or two sweeps never send it twice."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.visibility import decision_visible
from applications.decisions.models import DecisionEmail, EmailKind, Offer
from core.emails import absolute_url, email_on_commit

S = ApplicationState


def decision_email_claim(application: Application, kind: str) -> bool:
    try:
        with transaction.atomic():
            DecisionEmail.objects.create(
                organization_id=application.organization_id, application=application, kind=kind
            )
    except IntegrityError:
        return False
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
    if not decision_email_claim(application, EmailKind.DECISION):
        return False
    context = offer_email_context(application)
    if application.state == S.ACCEPTED:
        offer = Offer.objects.get(application=application)
        template = "application_accepted"
        context["deadline"] = offer.deadline
    else:
        template = "application_declined"
        context["feedback"] = application.decision.feedback
    email_on_commit(to=[application.applicant.email], template=template, context=context)
    return True
