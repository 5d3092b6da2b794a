"""A term's rank list: built from the reviews (average score, best first), with
not-acceptable marks, declared conflicts and declined applicants removed, ties broken by
the cycle's seed, reordered by hand (service, page with plain forms and HTMX, API), cut
line; who may rank; query counts that do not grow with the applicants."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope

from applications.ranking.models import TermRankList
from applications.ranking.selectors import term_rank_list, tie_key
from applications.ranking.services import rank_cut_set, rank_move, rank_reset
from core.audit.models import AuditEvent
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import decline, term_in
from tests.factories.matching import conflict, matched_cycle, score
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(db):
    return matched_cycle()


@pytest.fixture
def term(org_a, cycle):
    program = ProgramFactory(organization=org_a.organization, name="Kernel Matched")
    return term_in(program, cycle, capacity=2, primary_mentor=org_a.mentor)


def _app(term, name):
    return ApplicationFactory(term=term, applicant=UserFactory(display_name=name))


def _names(term):
    with scope(organization=term.organization):
        return [(e.name, e.acceptable) for e in term_rank_list(term=term)]


def test_list_is_by_average_score_best_first_unscored_last(org_a, term):
    low, high, mid, unscored = (_app(term, n) for n in ("low", "high", "mid", "unscored"))
    score(low, org_a.admin, 2)
    score(high, org_a.admin, 5)
    score(high, org_a.coordinator, 4)  # average 4.5
    score(mid, org_a.admin, 4)
    assert [n for n, _ in _names(term)] == ["high", "mid", "low", "unscored"]


def test_not_acceptable_conflicts_and_declined_are_removed(org_a, term):
    kept, marked, conflicted, declined = (_app(term, n) for n in ("kept", "marked", "conf", "decl"))
    score(kept, org_a.admin, 3)
    score(marked, org_a.admin, 5)
    score(marked, org_a.coordinator, not_acceptable=True)
    score(conflicted, org_a.admin, 5)
    conflict(conflicted, org_a.mentor)  # any mentor's conflict removes the applicant
    decline(declined, org_a.admin)
    assert _names(term) == [("kept", True)]


def test_ties_are_broken_by_the_cycles_seed(org_a, term, cycle):
    apps = [_app(term, f"tie{i}") for i in range(6)]
    for application in apps:
        score(application, org_a.admin, 3)
    expected = sorted(apps, key=lambda a: tie_key(cycle.match_seed, a.public_id))
    assert [n for n, _ in _names(term)] == [a.applicant.display_name for a in expected]


def test_manual_moves_and_cut_line(org_a, term):
    a, b, c = (_app(term, n) for n in ("a", "b", "c"))
    for application, value in ((a, 5), (b, 4), (c, 3)):
        score(application, org_a.admin, value)
    with scope(organization=term.organization):
        rank_move(term=term, application=c, position=1, actor=org_a.coordinator)
        rank_cut_set(term=term, cut=2, actor=org_a.admin)
    assert _names(term) == [("c", True), ("a", True), ("b", False)]
    with scope(organization=term.organization):
        assert AuditEvent.objects.filter(action="term.rank_moved").count() == 1
        rank_reset(term=term, actor=org_a.admin)
    assert _names(term) == [("a", True), ("b", True), ("c", False)]


def test_bad_moves_are_refused_and_change_nothing(org_a, org_b, term):
    a, b = _app(term, "a"), _app(term, "b")
    marked = _app(term, "marked")
    score(marked, org_a.admin, not_acceptable=True)
    with scope(organization=term.organization):
        with pytest.raises(ValidationError, match="from 1 to 2"):
            rank_move(term=term, application=a, position=3, actor=org_a.admin)
        with pytest.raises(ValidationError, match="not on the rank list"):
            rank_move(term=term, application=marked, position=1, actor=org_a.admin)
        with pytest.raises(ValidationError, match="whole number"):
            rank_move(term=term, application=a, position="x", actor=org_a.admin)
        with pytest.raises(ValidationError, match="0 or more"):
            rank_cut_set(term=term, cut=-1, actor=org_a.admin)
        with pytest.raises(PermissionDenied):
            rank_move(term=term, application=b, position=1, actor=org_a.mentor)
        assert AuditEvent.objects.filter(action__startswith="term.rank").count() == 0
        assert not TermRankList.objects.exists()


def test_page_moves_with_plain_forms_and_htmx(org_a, term):
    a, b = _app(term, "alpha one"), _app(term, "alpha two")
    score(a, org_a.admin, 5)
    score(b, org_a.admin, 2)
    client = client_for(org_a.coordinator)
    url = reverse("applications:rank-list", kwargs={"org": "alpha", "term": term.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "alpha one" in page.content.decode()
    move = reverse("applications:rank-list-move", kwargs={"org": "alpha", "term": term.pk})
    answer = client.post(move, {"application": str(b.public_id), "position": "1"})
    assert answer.status_code == 302
    assert _names(term)[0][0] == "alpha two"
    swap = client.post(
        move, {"application": str(b.public_id), "position": "2"}, headers={"HX-Request": "true"}
    )
    assert swap.status_code == 200
    assert 'id="rank-list"' in swap.content.decode()
    assert _names(term)[0][0] == "alpha one"
    bad = client.post(move, {"application": "nope", "position": "1"}, follow=True)
    assert "Choose an applicant" in bad.content.decode()
    cut = reverse("applications:rank-list-cut", kwargs={"org": "alpha", "term": term.pk})
    client.post(cut, {"cut": "1"})
    assert _names(term) == [("alpha one", True), ("alpha two", False)]
    assert client_for(org_a.mentor).get(url).status_code == 403


def test_api_reads_moves_and_cuts(org_a, term):
    a, b = _app(term, "a"), _app(term, "b")
    score(a, org_a.admin, 5)
    base = f"/api/v1/orgs/alpha/terms/{term.pk}/rank-list/"
    api = api_client_for(org_a.admin)
    body = api.get(base).json()
    assert [e["applicant"] for e in body["entries"]] == ["a", "b"]
    assert body["capacity_left"] == 2
    moved = api.post(base + "move/", {"application": str(b.public_id), "position": 1}, "json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["entries"][0]["applicant"] == "b"
    refused = api.post(base + "move/", {"application": str(b.public_id), "position": 9}, "json")
    assert refused.status_code == 400
    cut = api.post(base + "cut/", {"cut": 1}, "json")
    assert [e["acceptable"] for e in cut.json()["entries"]] == [True, False]
    assert api_client_for(org_a.mentor).get(base).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_rank_list_queries_do_not_grow(org_a, term, count, django_assert_max_num_queries):
    for i in range(count):
        score(_app(term, f"q{i}"), org_a.admin, 1 + i % 5)
    client = client_for(org_a.admin)
    url = reverse("applications:rank-list", kwargs={"org": "alpha", "term": term.pk})
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
