from celery import shared_task
from django.utils import timezone
from django_scopes import scope

from applications.apply.models import Application
from applications.decisions.emails import decision_email_send
from applications.decisions.selectors import decisions_to_announce


@shared_task(name="applications.send_decision_email")
def send_decision_email(application_id: int) -> bool:
    application = (
        Application.objects.with_scopes_disabled()
        .select_related("organization", "cycle", "term__program", "term__cycle", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return False
    with scope(organization=application.organization):
        return decision_email_send(application=application)


@shared_task(name="applications.announce_decisions")
def announce_decisions() -> int:
    """Emails every decision whose cycle announced its results and was not emailed yet."""
    return sum(send_decision_email(pk) for pk in decisions_to_announce(now=timezone.now()))
