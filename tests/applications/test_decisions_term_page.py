"""The term decisions page at size: one page of applicants at a time (keyset pages, like
the reviewers' dashboard), the dashboard's filters, each applicant's scores, buttons that
do not repeat the name on screen, and the bulk decline still counting every applicant
not shortlisted, whatever the page shows."""

import re

import pytest
from django.urls import reverse
from django_scopes import scope

from applications.review.selectors.kept import term_figures_forget
from applications.review.services import review_save
from tests.applications.review_data import ReviewWorld, load_applicants, make_applicant
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org_a, org_b, cycle):
    world = ReviewWorld(org_a, org_b, cycle)
    world.ada = make_applicant(world.term, name="Ada Lovelace")
    with scope(organization=org_a.organization):
        review_save(
            application=world.ada,
            reviewer=org_a.coordinator,
            skills=5,
            motivation=4,
            communication=4,
            availability=4,
        )
    load_applicants(world.term, 60, reviewers=[org_a.coordinator])
    return world


def _url(w):
    return reverse("applications:term-decisions", kwargs={"org": w.slug, "term": w.term.pk})


def test_the_page_shows_one_page_and_walks_to_every_applicant(w):
    client = client_for(w.a.admin)
    answer = client.get(_url(w))
    page = answer.context["page"]
    assert page.count == 61 and len(page.object_list) == 25 and page.has_next
    seen = [a.public_id for a in page.object_list]
    while page.has_next:
        page = client.get(_url(w), {"after": page.next_cursor}).context["page"]
        seen += [a.public_id for a in page.object_list]
    assert len(seen) == len(set(seen)) == 61


def test_the_dashboard_filters_narrow_the_decisions(w):
    answer = client_for(w.a.admin).get(_url(w), {"q": "Ada", "sort": "-score"})
    rows = answer.context["rows"]
    assert [r["application"].applicant.name for r in rows] == ["Ada Lovelace"]
    html = answer.content.decode()
    assert "4.25" in html  # the average score shows
    shortlisted = client_for(w.a.admin).get(_url(w), {"shortlisted": "yes"}).context["page"]
    assert shortlisted.count == 6


def test_the_bulk_decline_counts_every_applicant_not_shortlisted(w):
    html = client_for(w.a.admin).get(_url(w), {"q": "Ada"}).content.decode()
    # 61 waiting, 6 shortlisted: 55, though the filtered page shows one.
    assert "Decline the 55 applicants not shortlisted" in html


def test_buttons_say_accept_and_decline_and_name_the_applicant_to_screen_readers(w):
    html = client_for(w.a.admin).get(_url(w), {"q": "Ada"}).content.decode()
    assert '<button type="submit" aria-label="Accept Ada Lovelace">Accept</button>' in html
    assert re.search(r'aria-label="Decline Ada Lovelace">Decline</button>', html)
    assert ">Accept Ada Lovelace<" not in html


def test_the_page_costs_the_same_queries_with_more_applicants(w, django_assert_max_num_queries):
    client = client_for(w.a.admin)
    client.get(_url(w))  # sessions and the like
    term_figures_forget(term_id=w.term.pk)
    with django_assert_max_num_queries(40) as cold:
        client.get(_url(w))
    with django_assert_max_num_queries(40) as small:
        client.get(_url(w))
    load_applicants(w.term, 200, reviewers=[w.a.coordinator], prefix="more")
    # The load dropped the term's kept figures (review.selectors.kept): the first view
    # counts them again, in as many queries as the first view before it did.
    with django_assert_max_num_queries(len(cold.captured_queries)):
        assert client.get(_url(w)).status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(_url(w)).status_code == 200


def test_a_mentor_of_another_term_gets_404(w):
    url = reverse("applications:term-decisions", kwargs={"org": w.slug, "term": w.other_term.pk})
    assert client_for(w.a.mentor).get(url).status_code == 404
