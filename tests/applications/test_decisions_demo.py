"""The decisions area's demo data: confirmed mentorships in borealis's in-progress term
(mentee@example.org's among them, past its midterm) and one offer waiting in aurora's open
term; loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from applications.decisions.models import Offer, Placement
from mentorship.mentorships.models import Mentorship

pytestmark = pytest.mark.django_db


def _snapshot():
    with scopes_disabled():
        return (
            sorted(Mentorship.objects.values_list("mentee__email", "state")),
            sorted(Offer.objects.values_list("application__applicant__email", "state")),
            Placement.objects.count(),
        )


def test_demo_decisions_are_where_the_demo_promises_and_load_twice():
    call_command("load_demo")
    first = _snapshot()
    mentorships, offers, placements = first
    assert mentorships == [
        # an earlier cycle (mentorship/certificates/demo.py), the same term for both
        ("alumna@example.org", "graduated"),
        ("graduate@example.org", "graduated"),
        ("mentee@example.org", "active"),
        ("rio.mentee@example.org", "active"),
    ]
    assert ("olive.mentee@example.org", "pending") in offers
    assert placements == 5  # four of the decisions demo, alumna@ (an earlier cycle)
    with scopes_disabled():
        mina = Mentorship.objects.select_related("organization", "term__cycle").get(
            mentee__email="mentee@example.org"
        )
        assert mina.organization.slug == "borealis"
        assert mina.term.cycle.name == "Previous cycle"
        assert mina.midterm_at < timezone.now() < mina.ends_at
        assert [m.user.email for m in mina.mentors.all()] == ["mentor.borealis@example.org"]
        waiting = Offer.objects.select_related("application__term__program").get(
            application__applicant__email="olive.mentee@example.org"
        )
        assert waiting.application.term.program.slug == "kernel-mentorship"
        assert waiting.application.organization.slug == "aurora"
    call_command("load_demo")
    assert _snapshot() == first


def test_demo_mentee_sees_the_mentorship(client):
    from accounts.people.demo import DEMO_PASSWORD

    call_command("load_demo")
    assert client.login(email="mentee@example.org", password=DEMO_PASSWORD)
    page = client.get("/me/mentorships/").content.decode()
    assert "Cloud Native Contributors" in page
    assert client.login(email="admin.borealis@example.org", password=DEMO_PASSWORD)
    assert "Mina" in client.get("/o/borealis/mentorships/").content.decode()


@pytest.mark.smoke
def test_decision_pages_answer_on_the_embedded_default(client):
    """Also run on SQLite by `make test` (row locks degrade to no-ops there)."""
    from accounts.people.demo import DEMO_PASSWORD

    call_command("load_demo")
    with scopes_disabled():
        waiting = Offer.objects.get(application__applicant__email="olive.mentee@example.org")
        term = waiting.application.term_id
    assert client.login(email="admin.aurora@example.org", password=DEMO_PASSWORD)
    for url in [
        f"/o/aurora/applications/{waiting.application.public_id}/decision/",
        f"/o/aurora/terms/{term}/decisions/",
        "/o/aurora/decision-texts/",
        "/o/aurora/policy/",
        "/o/aurora/mentorships/",
        "/api/v1/orgs/aurora/decisions/",
        "/me/mentorships/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.login(email="mentee@example.org", password=DEMO_PASSWORD)
    assert client.get("/api/v1/me/mentorships/").json()["count"] == 1
