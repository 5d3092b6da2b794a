"""Thin Celery tasks of the applications app. Each is safe to run twice: offer moves are
compare-and-set, and every email is claimed in a unique sent-log row before it is sent.
Tasks start unscoped: each loads its rows CROSS-TENANT by id and runs the service inside
the row's organization scope."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone
from django_scopes import scope

from applications.decisions.models import Offer
from mentorship.offers.selectors import offers_to_lapse, offers_to_remind
from mentorship.offers.services import offer_lapse, offer_reminder_send

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
    sent = 0
    for pk in offers_to_remind(now=timezone.now(), before=REMIND_BEFORE):
        offer = _offer(pk)
        if offer is None:
            continue
        with scope(organization=offer.application.organization):
            sent += offer_reminder_send(offer=offer)
    return sent
