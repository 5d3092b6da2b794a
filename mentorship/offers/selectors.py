from datetime import datetime

from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.people.models import User
from applications.decisions.models import (
    Offer,
    OfferState,
)


def mentee_offers(*, user: User, now: datetime | None = None) -> list[Offer]:
    """CROSS-TENANT: the person's own offers they may see (from the results announcement),
    newest first. Offers not yet announced stay hidden."""
    now = now or timezone.now()
    with scopes_disabled():
        return list(
            Offer.objects.filter(
                application__applicant=user, application__cycle__results_announced_at__lte=now
            )
            .select_related(
                "application__term__program", "application__organization", "application__cycle"
            )
            .order_by("-created_at", "-id")
        )


def mentee_offer_get(*, user: User, public_id, now: datetime | None = None) -> Offer:
    """CROSS-TENANT: one of the person's own visible offers, by its application's id;
    anything else (someone else's, not announced yet) is the same 404."""
    now = now or timezone.now()
    with scopes_disabled():
        offer = (
            Offer.objects.filter(
                application__applicant=user,
                application__public_id=public_id,
                application__cycle__results_announced_at__lte=now,
            )
            .select_related(
                "application__term__program__organization",
                "application__organization",
                "application__cycle",
            )
            .first()
        )
    if offer is None:
        raise Http404("No such offer.")
    return offer


def offers_to_lapse(*, now: datetime) -> list[int]:
    """CROSS-TENANT: ids of offers still waiting after their deadline."""
    with scopes_disabled():
        return list(
            Offer.objects.filter(state=OfferState.PENDING, deadline__lte=now).values_list(
                "pk", flat=True
            )
        )


def offers_to_remind(*, now: datetime, before) -> list[int]:
    """CROSS-TENANT: ids of announced offers still waiting whose deadline is within
    `before` (a timedelta) and not yet passed."""
    with scopes_disabled():
        return list(
            Offer.objects.filter(
                state=OfferState.PENDING,
                application__cycle__results_announced_at__lte=now,
                deadline__gt=now,
                deadline__lte=now + before,
            ).values_list("pk", flat=True)
        )
