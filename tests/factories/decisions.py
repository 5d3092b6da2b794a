"""Helpers for the decisions area's tests: a cycle whose results are already announced,
and the decision services run in the application's scope."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from applications.decisions.services.accept import application_accept, application_decline
from mentorship.offers.services import offer_confirm, offer_decline
from tests.factories.programs import CycleFactory, days_from_today, make_term


def announced_cycle(name: str = "Announced", deadline_days: int = 3, **extra):
    """A cycle whose applications closed 5 days ago and whose results were announced
    yesterday; offers are due in `deadline_days`."""
    return CycleFactory(
        name=name,
        applications_open_at=days_from_today(-60),
        applications_close_at=days_from_today(-5),
        results_announced_at=timezone.now() - timedelta(days=1),
        confirmation_deadline=timezone.now() + timedelta(days=deadline_days),
        **extra,
    )


def term_in(program, cycle, capacity=3, **extra):
    """A term of `program` that fits inside `cycle` (whatever its dates)."""
    start = (cycle.applications_close_at + timedelta(days=15)).date()
    return make_term(program, cycle, start=start, capacity=capacity, **extra)


def accept(application, actor):
    with scope(organization=application.organization):
        return application_accept(application=application, actor=actor)


def decline(application, actor):
    with scope(organization=application.organization):
        return application_decline(application=application, actor=actor)


def confirm_offer(offer, mentee=None, **kwargs):
    """The mentee confirms `offer` with a legal name, the agreement ticked and an address."""
    values = {"legal_name": "Mina Q. Mentee", "agreed": True, "ip": "203.0.113.9", **kwargs}
    with scope(organization=offer.application.organization):
        return offer_confirm(offer=offer, mentee=mentee or offer.application.applicant, **values)


def decline_offer(offer, mentee=None, **kwargs):
    with scope(organization=offer.application.organization):
        return offer_decline(offer=offer, mentee=mentee or offer.application.applicant, **kwargs)
