"""The catalog's one FilterSet: the page and the API list give the same programs for the
same query string; invalid values are ignored by the page (with the error shown) and a 400
from the API, except an unknown skill, which the API answers with no program."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.programs.models import Skill
from tests.conftest import api_client_for
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def programs(org_a, org_b, cycle_now):
    rust, go = (
        Skill.objects.create(name="Rust", slug="rust"),
        Skill.objects.create(name="Go", slug="go"),
    )
    kernel = ProgramFactory(
        organization=org_a.organization, name="Kernel Mentorship", skills=[rust, go]
    )
    make_term(kernel, cycle_now)
    cloud = ProgramFactory(organization=org_b.organization, name="Cloud Operators", skills=[go])
    make_term(cloud, cycle_now, kind="part_time")
    return {"kernel": kernel, "cloud": cloud}


def _page(client, query: dict) -> list[str]:
    answer = client.get("/programs/", query)
    assert answer.status_code == 200
    return [p.slug for p in answer.context["page"].object_list]


def _api(query: dict) -> list[str]:
    answer = api_client_for(None).get("/api/v1/programs/", query)
    assert answer.status_code == 200, answer.content
    return [p["slug"] for p in answer.json()["results"]]


BOTH = ["cloud-operators", "kernel-mentorship"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ({}, BOTH),
        ({"q": "kernel"}, ["kernel-mentorship"]),
        ({"skill": "rust"}, ["kernel-mentorship"]),
        ({"skill": "go"}, BOTH),
        ({"skill": "go", "organization": "beta"}, ["cloud-operators"]),
        ({"kind": "full_time", "skill": "go"}, ["kernel-mentorship"]),
        ({"kind": "part_time"}, ["cloud-operators"]),
        ({"q": "  operators  ", "kind": ""}, ["cloud-operators"]),
        ({"q": "x" * 300}, []),  # cut to 200 characters, not refused
    ],
)
def test_the_page_and_the_api_give_the_same_programs(client, programs, query, expected):
    assert sorted(_page(client, query)) == expected
    assert sorted(_api(query)) == expected


def test_the_catalog_is_paged_in_the_database(client, org_a, cycle_now):
    for number in range(3):
        make_term(ProgramFactory(organization=org_a.organization, name=f"P{number:02}"), cycle_now)
    with CaptureQueriesContext(connection) as queries:
        assert len(_api({})) == 3
        assert len(_page(client, {})) == 3
    rows = [q["sql"] for q in queries if q["sql"].startswith('SELECT "programs_program"."id"')]
    # The API's page, the page's list and the page's "not accepting now" list: all limited.
    assert len(rows) == 3 and all(re.search(r"LIMIT \d+\s*$", sql) for sql in rows), rows


def test_the_page_offers_the_catalogs_skills_and_organizations(client, programs):
    form = client.get("/programs/").context["form"]
    assert [form.fields[name].label for name in form.fields] == [
        "Search",
        "Skill",
        "Organization",
        "Kind",
        "Sort by",
    ]
    assert form.fields["skill"].choices == [("", "Any skill"), ("go", "Go"), ("rust", "Rust")]
    assert [c[0] for c in form.fields["organization"].choices] == ["", "alpha", "beta"]
    assert form.fields["kind"].choices[0] == ("", "Full-time or part-time")


def test_an_unknown_skill_is_ignored_by_the_page_and_matches_nothing_in_the_api(client, programs):
    answer = client.get("/programs/", {"skill": "cobol", "kind": "part_time"})
    assert answer.status_code == 200 and answer.context["form"].errors["skill"]
    assert [p.slug for p in answer.context["page"].object_list] == ["cloud-operators"]
    assert _api({"skill": "cobol"}) == []


def test_an_unknown_kind_is_ignored_by_the_page_and_a_400_from_the_api(client, programs):
    assert sorted(_page(client, {"kind": "weekend"})) == ["cloud-operators", "kernel-mentorship"]
    answer = api_client_for(None).get("/api/v1/programs/", {"kind": "weekend"})
    assert answer.status_code == 400 and "kind" in answer.json()


def test_a_search_with_a_nul_byte_is_a_400_on_both(client, programs):
    assert client.get("/programs/?q=ker%00nel").status_code == 400
    answer = api_client_for(None).get("/api/v1/programs/?q=ker%00nel")
    assert answer.status_code == 400 and "q" in answer.json()


def test_the_schema_documents_the_filters(programs):
    schema = api_client_for(None).get("/api/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/programs/"]["get"]["parameters"]}
    assert {"q", "skill", "organization", "kind"} <= set(parameters)
    assert parameters["kind"]["schema"]["enum"] == ["full_time", "part_time"]
    assert parameters["skill"]["description"] == "A skill's slug."
