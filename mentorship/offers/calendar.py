"""The person's offer deadlines as calendar events (the private feed of
mentorship/calendars/ gathers them): each offer they may see and have not answered yet."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from accounts.people.models import User
from applications.decisions.models import OfferState
from core.ical import CalendarEvent
from mentorship.offers.selectors import mentee_offers


def offer_events(*, user: User, now: datetime | None = None) -> list[CalendarEvent]:
    """One query: the person's own visible offers (`mentee_offers`), the pending ones."""
    site = settings.SITE_URL.rstrip("/")
    events = []
    for offer in mentee_offers(user=user, now=now):
        if offer.state != OfferState.PENDING:
            continue
        application = offer.application
        program = application.term.program
        events.append(
            CalendarEvent(
                uid=f"offer-{application.public_id.hex}",
                summary=f"{program.name}: confirm or decline your offer",
                at=offer.deadline,
                description=f"{application.organization.name} offers you a place in "
                f"{program.name}; it lapses if not confirmed by then.",
                url=site
                + reverse("mentorship:me-offer", kwargs={"application": application.public_id}),
                modified=offer.created_at,
            )
        )
    return events
