"""The term figures kept in the cache (applications.review.selectors.kept): every write that
changes one drops them, so the pages never show a count that a person's own action made
stale; and a filtered list is counted only up to a cap ("more than N found")."""

import pytest
from django.urls import reverse
from django_scopes import scope

from applications.apply.services.transitions import application_transition
from applications.review.selectors.kept import kept_get
from applications.review.services import application_shortlist
from applications.review.views import dashboard as dashboard_views
from tests.applications.review_data import ReviewWorld, load_applicants, make_applicant
from tests.conftest import client_for
from tests.factories.decisions import confirm_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org_a, org_b, cycle):
    world = ReviewWorld(org_a, org_b, cycle)
    load_applicants(world.term, 30, reviewers=[org_a.coordinator])
    world.ada = make_applicant(world.term, name="Ada Lovelace")
    return world


def _decisions(w):
    url = reverse("applications:term-decisions", kwargs={"org": w.slug, "term": w.term.pk})
    return client_for(w.a.admin).get(url).context["summary"]


def _dashboard(w, **query):
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    return client_for(w.a.admin).get(url, query)


def test_the_dashboard_counts_from_the_kept_total_and_a_new_applicant_drops_it(w):
    assert _dashboard(w).context["page"].count == 31
    assert kept_get(w.term.pk, "applicants") == 31
    grace = make_applicant(w.term, name="Grace Hopper", state="draft")
    with scope(organization=w.term.organization):
        # What application_submit does once its rules pass: the one state-changing place.
        application_transition(
            application=grace,
            to_state="submitted",
            actor=grace.applicant,
            updates={"submitted_at": grace.created_at},
        )
    assert kept_get(w.term.pk, "applicants") is None
    assert _dashboard(w).context["page"].count == 32


def test_the_decision_counts_follow_a_shortlist_and_a_decision(w):
    before = _decisions(w)
    with scope(organization=w.term.organization):
        application_shortlist(application=w.ada, actor=w.a.admin, shortlisted=True)
    after = _decisions(w)
    assert after["shortlisted"] == before["shortlisted"] + 1
    assert after["unshortlisted"] == before["unshortlisted"] - 1
    with scope(organization=w.term.organization):
        application_transition(application=w.ada, to_state="declined", actor=w.a.admin)
    declined = _decisions(w)
    assert declined["declined"] == before["declined"] + 1
    assert declined["submitted"] == before["submitted"] - 1


def test_a_confirmed_offer_drops_the_kept_counts(org_a, offer):
    term = offer.application.term
    url = reverse(
        "applications:term-decisions", kwargs={"org": org_a.organization.slug, "term": term.pk}
    )
    admin = client_for(org_a.admin)
    assert admin.get(url).context["summary"]["confirmed"] == 0
    confirm_offer(offer)
    assert admin.get(url).context["summary"]["confirmed"] == 1


def test_a_filtered_list_is_counted_up_to_the_cap(w, monkeypatch):
    monkeypatch.setattr(dashboard_views, "COUNT_CAP", 10)
    answer = _dashboard(w, state="submitted")
    page = answer.context["page"]
    assert page.count == 10 and page.count_capped
    assert "(more than 10 found)" in answer.content.decode()
    # Sorting alone does not narrow the list: the exact, kept total.
    sorted_only = _dashboard(w, sort="-score").context["page"]
    assert sorted_only.count == 31 and not sorted_only.count_capped
    # Under the cap: the exact number.
    one = _dashboard(w, q="Ada Lovelace")
    assert one.context["page"].count == 1 and "(1 found)" in one.content.decode()


def test_the_applicant_page_says_how_many_applicants_the_term_has(w):
    url = reverse(
        "applications:review-applicant", kwargs={"org": w.slug, "application": w.ada.public_id}
    )
    html = client_for(w.a.admin).get(url).content.decode()
    assert "31 applicants, newest submission first" in html
