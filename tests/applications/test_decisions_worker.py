"""The lapse sweep through a real Celery worker on Redis: the task is registered under its
name, runs in the worker's thread (unscoped, entering each offer's organization), and its
effect is committed."""

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from applications.decisions.models import Offer, Placement
from config.celery import app
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept

pytestmark = pytest.mark.worker


def test_the_beat_schedule_runs_the_decision_sweeps():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "applications.lapse_offers",
        "core.reminders_sweep",
        "applications.announce_decisions",
    } <= tasks


@pytest.mark.django_db(transaction=True)
def test_a_worker_lapses_an_offer_past_its_deadline(org_a, term_a, celery_worker):
    from mentorship.offers.tasks import lapse_offers

    application = ApplicationFactory(term=term_a)
    accept(application, org_a.admin)
    with scopes_disabled():
        Offer.objects.filter(application=application).update(deadline=timezone.now())
    assert lapse_offers.apply_async(ignore_result=False).get(timeout=30) == 1
    assert lapse_offers.apply_async(ignore_result=False).get(timeout=30) == 0
    with scopes_disabled():
        assert Offer.objects.get(application=application).state == "lapsed"
    application.refresh_from_db()
    assert application.state == "withdrawn"
    assert not Placement.objects.filter(application=application).exists()
