"""The decisions list's FilterSet (?term=): the API gives a term's applicants as its term
decisions page lists them, keeps a mentor to the terms they mentor, and answers an invalid
term with a 400 naming the field."""

import pytest
from django.urls import reverse

from tests.conftest import api_client_for, client_for
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db

URL = "/api/v1/orgs/alpha/decisions/"


@pytest.fixture
def terms(org_a, cycle, term_a):
    mentored = make_term(
        ProgramFactory(organization=org_a.organization, name="Mentored"),
        cycle,
        primary_mentor=org_a.mentor,
    )
    for term in (term_a, term_a, mentored):
        ApplicationFactory(term=term)
    ApplicationFactory(term=term_a, state="draft")
    return {"other": term_a, "mentored": mentored}


def _api(user, query: dict) -> set[str]:
    answer = api_client_for(user).get(URL, query)
    assert answer.status_code == 200, answer.content
    return {a["id"] for a in answer.json()["results"]}


@pytest.mark.parametrize("name", ["other", "mentored"])
def test_the_api_gives_the_term_decisions_page_rows(org_a, terms, name):
    term = terms[name]
    url = reverse("applications:term-decisions", kwargs={"org": "alpha", "term": term.pk})
    rows = client_for(org_a.admin).get(url).context["rows"]
    page = {str(row["application"].public_id) for row in rows}
    assert len(page) == (2 if name == "other" else 1)
    assert _api(org_a.admin, {"term": term.pk}) == page


def test_a_mentor_sees_only_the_terms_they_mentor(org_a, terms):
    everything = _api(org_a.mentor, {})
    assert everything == _api(org_a.mentor, {"term": terms["mentored"].pk})
    assert len(everything) == 1
    assert _api(org_a.mentor, {"term": terms["other"].pk}) == set()


@pytest.mark.parametrize("value", ["x", "-1", "1.5", str(2**31)])
def test_an_invalid_term_is_a_400_naming_the_field(org_a, terms, value):
    answer = api_client_for(org_a.admin).get(URL, {"term": value})
    assert answer.status_code == 400 and "term" in answer.json()
