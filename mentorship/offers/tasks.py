"""Thin Celery tasks of the offers slice. Each is safe to run twice: offer moves are
compare-and-set, and every email is claimed in a unique sent-log row before it is sent.
The reminder before an offer's deadline is a reminder rule (mentorship/offers/reminders.py).
The sweeps find due offers across organizations through `@cross_tenant` selectors that
return ids; each offer is then handled by a `TenantTask`, inside its organization's scope
and its own transaction (`core.tasks.sweep_each`: one failing offer stops no other)."""

from datetime import datetime

from celery import shared_task
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from applications.decisions.models import Offer
from core.tasks import TenantTask, sweep_each
from mentorship.offers.selectors import offers_to_lapse
from mentorship.offers.services import offer_lapse


def scoped_offer(offer_id: int) -> Offer | None:
    """The offer, looked up inside the scope the task entered (another organization's offer
    is None)."""
    return (
        Offer.objects.select_related(
            "application__organization", "application__cycle", "application__term"
        )
        .filter(pk=offer_id)
        .first()
    )


@shared_task(base=TenantTask, name="applications.lapse_offer")
def lapse_offer(*, organization_id: int, offer_id: int, now: str | None = None) -> int:
    """Lapses one offer not confirmed by its deadline: slot and placement freed, admins told.
    `now` is an ISO instant (task arguments stay JSON)."""
    offer = scoped_offer(offer_id)
    if offer is None:
        return 0
    instant: datetime = parse_datetime(now) if now else timezone.now()
    return int(offer_lapse(offer=offer, now=instant))


@shared_task(name="applications.lapse_offers")
def lapse_offers() -> int:
    """Offers not confirmed by their deadline lapse: slot and placement freed, admins told.
    Returns how many lapsed; an offer that fails is logged and does not stop the others."""
    now = timezone.now()
    return sweep_each(
        lapse_offer,
        (
            {"organization_id": organization_id, "offer_id": offer_id, "now": now.isoformat()}
            for organization_id, offer_id in offers_to_lapse(now=now)
        ),
    )
