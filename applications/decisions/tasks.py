"""Decision emails: the announcement sweep finds, across organizations, the decisions whose
cycle announced its results; each email is then queued inside its own organization."""

from celery import shared_task
from django.utils import timezone

from applications.apply.models import Application
from applications.decisions.emails import decision_email_send
from applications.decisions.selectors import decisions_to_announce
from core.tasks import TenantTask, sweep_each


@shared_task(base=TenantTask, name="applications.send_decision_email")
def send_decision_email(application_id: int, *, organization_id: int) -> bool:
    application = (
        Application.objects.select_related(
            "organization", "cycle", "term__program", "term__cycle", "applicant"
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return False
    return decision_email_send(application=application)


@shared_task(name="applications.announce_decisions")
def announce_decisions() -> int:
    """Emails every decision whose cycle announced its results and was not emailed yet.
    Returns how many were queued; a decision that fails is logged and does not stop the
    others."""
    return sweep_each(
        send_decision_email,
        (
            {"application_id": application_id, "organization_id": organization_id}
            for organization_id, application_id in decisions_to_announce(now=timezone.now())
        ),
    )
