"""Keyset pages: walking forwards, backwards or from the end gives every row exactly once,
in the list's order, for any sort (with empty values and ties), on the reviewers' list."""

import pytest
from django.urls import reverse
from django_scopes import scope

from applications.review.services import conflict_declare
from tests.applications.review_data import ReviewWorld, load_applicants, make_applicant
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
SORTS = ["-submitted", "submitted", "-score", "score", "name", "-reviews", "country", "-state"]


@pytest.fixture
def w(org_a, org_b, cycle):
    world = ReviewWorld(org_a, org_b, cycle)
    # 60 with reviews (ties on score and submission time), 5 without any, one hidden
    # from the mentor by a conflict, one without a profile: empty values in each sort.
    applications = load_applicants(world.term, 60, reviewers=[org_a.coordinator])
    load_applicants(world.term, 5, prefix="none")
    from applications.apply.models import Application
    from tests.factories.applications import ApplicationFactory

    ApplicationFactory(term=world.term, state="submitted")
    with scope(organization=org_a.organization):
        conflict_declare(application=applications[3], reviewer=org_a.mentor, kind="family")
        world.expected = Application.objects.filter(term=world.term).count()
    make_applicant(world.term, name="Draft Person", state="draft")
    return world


def _get(w, **query):
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(w.a.mentor).get(url, query)
    assert answer.status_code == 200
    return answer.context["page"]


def _walk_forwards(w, sort):
    page = _get(w, sort=sort)
    assert page.is_first and not page.has_previous
    seen = [a.public_id for a in page.object_list]
    while page.has_next:
        page = _get(w, sort=sort, after=page.next_cursor)
        seen += [a.public_id for a in page.object_list]
    assert page.is_last
    return seen


def _walk_backwards(w, sort):
    page = _get(w, sort=sort, page="last")
    assert page.is_last and not page.has_next
    seen = [a.public_id for a in page.object_list]
    while page.has_previous:
        page = _get(w, sort=sort, before=page.previous_cursor)
        seen = [a.public_id for a in page.object_list] + seen
    return seen


@pytest.mark.parametrize("sort", SORTS)
def test_pages_neither_skip_nor_repeat_rows(w, sort):
    forwards = _walk_forwards(w, sort)
    assert len(forwards) == len(set(forwards)) == w.expected
    assert _walk_backwards(w, sort) == forwards


def test_pages_follow_the_order_of_the_whole_list(w):
    from applications.review.filters import ApplicantFilterSet
    from applications.review.selectors.access import review_term_get

    with scope(organization=w.a.organization):
        context = review_term_get(user=w.a.mentor, organization=w.a.organization, pk=w.term.pk)
        whole = [a.public_id for a in ApplicantFilterSet({"sort": "-score"}, context=context).qs]
    assert _walk_forwards(w, "-score") == whole


def test_a_filtered_walk_and_its_count(w):
    first = _get(w, shortlisted="yes", sort="name")
    assert first.count == 7  # every tenth of the 60 (6), and of the 5 (1)
    assert len(first.object_list) == 7 and not first.has_next


def test_a_cursor_of_a_missing_row_or_garbage_never_breaks_the_page(w):
    page = _get(w, after="not-a-uuid")
    assert page.is_first and len(page.object_list) == 25
    page = _get(w, after="00000000-0000-0000-0000-000000000001")
    assert page.object_list == [] and not page.is_first  # the page links to the first


def test_the_page_links_first_previous_next_last(w):
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    html = client_for(w.a.mentor).get(url).content.decode()
    assert 'rel="next"' in html and "page=last" in html and 'rel="prev"' not in html
