from datetime import datetime

from django.http import Http404
from django.utils import timezone

from accounts.people.models import User
from applications.decisions.models import (
    Offer,
    OfferState,
)
from core.tenancy import cross_tenant


@cross_tenant
def mentee_offers(*, user: User, now: datetime | None = None) -> list[Offer]:
    """The person's own offers they may see (from the results announcement), newest first.
    Cross-tenant because a mentee holds offers from several organizations; filtered by the
    applicant, so only the person's own rows come back. Offers not yet announced stay
    hidden."""
    now = now or timezone.now()
    return list(
        Offer.objects.filter(
            application__applicant=user, application__cycle__results_announced_at__lte=now
        )
        .select_related(
            "application__term__program", "application__organization", "application__cycle"
        )
        .order_by("-created_at", "-id")
    )


@cross_tenant
def mentee_offer_get(*, user: User, public_id, now: datetime | None = None) -> Offer:
    """One of the person's own visible offers, by its application's id; anything else
    (someone else's, not announced yet) is the same 404. Cross-tenant because the /me/ URL
    names no organization; filtered by applicant and public id. Pages and the API reach it
    through `accounts.tenancy.owned_object`, which then enters the offer's scope."""
    now = now or timezone.now()
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


@cross_tenant
def offers_to_lapse(*, now: datetime) -> list[tuple[int, int]]:
    """(organization id, offer id) of offers still waiting after their deadline. Cross-tenant
    because the lapse sweep serves every organization; it returns ids only, filtered by
    state and deadline, and each offer is then lapsed by a task scoped to its organization."""
    return list(
        Offer.objects.filter(state=OfferState.PENDING, deadline__lte=now)
        .order_by("pk")
        .values_list("organization_id", "pk")
    )
