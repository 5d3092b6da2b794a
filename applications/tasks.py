"""Thin Celery tasks of the applications app. Each is safe to run twice: offer moves are
compare-and-set, and every email is claimed in a unique sent-log row before it is sent.
Tasks start unscoped: each loads its rows CROSS-TENANT by id and runs the service inside
the row's organization scope."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone
from django_scopes import scope

from applications.models import Application, Offer
from applications.selectors.decisions import (
    decisions_to_announce,
    offers_to_lapse,
    offers_to_remind,
)

REMIND_BEFORE = timedelta(days=2)


def _offer(pk: int) -> Offer | None:
    return (
        Offer.objects.with_scopes_disabled()
        .select_related("application__organization", "application__cycle", "application__term")
        .filter(pk=pk)
        .first()
    )


@shared_task(name="applications.lapse_offers")
def lapse_offers() -> int:
    """Offers not confirmed by their deadline lapse: slot and placement freed, admins told."""
    from applications.services.offers import offer_lapse

    now = timezone.now()
    lapsed = 0
    for pk in offers_to_lapse(now=now):
        offer = _offer(pk)
        if offer is None:
            continue
        with scope(organization=offer.application.organization):
            lapsed += offer_lapse(offer=offer, now=now)
    return lapsed


@shared_task(name="applications.remind_offers")
def remind_offers() -> int:
    """Reminds mentees whose offer waits, two days before its deadline."""
    from applications.services.offers import offer_reminder_send

    sent = 0
    for pk in offers_to_remind(now=timezone.now(), before=REMIND_BEFORE):
        offer = _offer(pk)
        if offer is None:
            continue
        with scope(organization=offer.application.organization):
            sent += offer_reminder_send(offer=offer)
    return sent


@shared_task(name="applications.send_decision_email")
def send_decision_email(application_id: int) -> bool:
    from applications.services.offers import decision_email_send

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
