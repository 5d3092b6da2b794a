"""The programs API lists' filters: a status or kind outside the model's choices and an id
that is not a whole number are a 400 with the field's message (not an empty list, and not
the rows of the id rounded down); valid values still filter."""

import pytest

from tests.conftest import api_client_for
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db

API = "/api/v1/orgs/alpha"


@pytest.fixture
def terms(org_a, cycle_now):
    program = ProgramFactory(organization=org_a.organization, name="Kernel")
    return (
        make_term(program, cycle_now, kind="full_time"),
        make_term(program, cycle_now, kind="part_time"),
    )


def _get(org_a, path: str, query: dict):
    return api_client_for(org_a.admin).get(f"{API}/{path}/", query)


@pytest.mark.parametrize(
    "path, query",
    [
        ("programs", {"status": "bogus"}),
        ("terms", {"kind": "weekend"}),
        ("terms", {"cycle": "1.5"}),
        ("milestones", {"kind": "bogus"}),
        ("milestones", {"term": "1.5"}),
        ("milestones", {"term": str(2**31)}),
        ("term-mentors", {"term": "1.5"}),
        ("prerequisites", {"term": "1.5"}),
    ],
)
def test_an_invalid_value_is_a_400_naming_the_field(org_a, terms, path, query):
    answer = _get(org_a, path, query)
    assert answer.status_code == 400, answer.content
    assert set(answer.json()) == set(query)


def test_a_decimal_term_id_does_not_find_the_whole_numbers_rows(org_a, terms):
    # Before: ?term=<id>.5 gave the milestones of term <id>.
    answer = _get(org_a, "milestones", {"term": f"{terms[0].pk}.5"})
    assert answer.status_code == 400


def test_valid_values_still_filter(org_a, terms, cycle_now):
    full_time, part_time = terms
    kinds = _get(org_a, "terms", {"kind": "part_time", "cycle": cycle_now.pk}).json()["results"]
    assert [t["id"] for t in kinds] == [part_time.pk]
    milestones = _get(org_a, "milestones", {"term": full_time.pk, "kind": "kickoff"})
    assert milestones.status_code == 200
    assert [m["kind"] for m in milestones.json()["results"]] == ["kickoff"]
    assert _get(org_a, "programs", {"status": "approved"}).json()["count"] == 1
    assert _get(org_a, "programs", {"status": "draft"}).json()["count"] == 0


def test_a_filter_in_the_query_string_does_not_touch_a_detail_action(org_a, terms):
    # The filters narrow lists only: before, ?status=draft hid an approved program's page
    # (404) and ?term=<other> hid a milestone.
    full_time, part_time = terms
    program = full_time.program
    client = api_client_for(org_a.admin)
    assert client.get(f"{API}/programs/{program.slug}/", {"status": "draft"}).status_code == 200
    assert client.get(f"{API}/programs/{program.slug}/", {"status": "bogus"}).status_code == 200
    milestone = _get(org_a, "milestones", {"term": full_time.pk}).json()["results"][0]
    answer = client.get(f"{API}/milestones/{milestone['id']}/", {"term": part_time.pk})
    assert answer.status_code == 200
    answer = client.get(f"{API}/terms/{full_time.pk}/", {"kind": "part_time"})
    assert answer.status_code == 200
