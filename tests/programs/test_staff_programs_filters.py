"""The staff programs queue's one FilterSet: the page and the API list give the same
programs for the same query string (the approval queue by default); an invalid status is
ignored by the page (the queue) and a 400 from the API."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.programs import views as programs_views
from programs.programs.models import Program, ProgramStatus
from tests.conftest import api_client_for, client_for
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programs(org_a, org_b):
    made = {}
    for org, status in (
        (org_a, ProgramStatus.SUBMITTED),
        (org_b, ProgramStatus.SUBMITTED),
        (org_a, ProgramStatus.APPROVED),
        (org_b, ProgramStatus.DRAFT),
    ):
        program = ProgramFactory(
            organization=org.organization, name=f"{org.organization.slug} {status}"
        )
        Program.objects.with_scopes_disabled().filter(pk=program.pk).update(status=status)
        made[program.pk] = status
    return made


def _page(staff_user, query: dict) -> list[int]:
    answer = client_for(staff_user).get("/staff/programs/", query)
    assert answer.status_code == 200
    return [p.pk for p in answer.context["programs"]]


def _api(staff_user, query: dict) -> list[int]:
    answer = api_client_for(staff_user).get("/api/v1/staff/programs/", query)
    assert answer.status_code == 200, answer.content
    return [p["id"] for p in answer.json()["results"]]


@pytest.mark.parametrize(
    "query, statuses",
    [
        ({}, {"submitted"}),
        ({"status": "submitted"}, {"submitted"}),
        ({"status": "approved"}, {"approved"}),
        ({"status": "draft"}, {"draft"}),
        ({"status": ""}, {"submitted", "approved", "draft"}),
    ],
)
def test_the_page_and_the_api_give_the_same_programs(staff_user, programs, query, statuses):
    page = _page(staff_user, query)
    assert page == _api(staff_user, query)
    assert {programs[pk] for pk in page} == statuses
    assert len(page) == sum(1 for s in programs.values() if s in statuses)


def test_an_invalid_status_is_the_queue_on_the_page_and_a_400_from_the_api(staff_user, programs):
    assert _page(staff_user, {"status": "bogus"}) == _page(staff_user, {})
    answer = api_client_for(staff_user).get("/api/v1/staff/programs/", {"status": "bogus"})
    assert answer.status_code == 400 and "status" in answer.json()


def test_the_queue_is_paged_in_the_database(staff_user, programs):
    with CaptureQueriesContext(connection) as queries:
        assert len(_api(staff_user, {"status": ""})) == 4
        assert len(_page(staff_user, {"status": ""})) == 4
    rows = [q["sql"] for q in queries if q["sql"].startswith('SELECT "programs_program"."id"')]
    assert len(rows) == 2 and all(re.search(r"LIMIT \d+\s*$", sql) for sql in rows), rows


def test_the_page_links_its_pages_keeping_the_status(staff_user, programs, monkeypatch):
    monkeypatch.setattr(programs_views, "STAFF_PROGRAMS_PER_PAGE", 3)
    client = client_for(staff_user)
    first = client.get("/staff/programs/", {"status": ""})
    assert len(first.context["programs"]) == 3
    assert 'href="?status=&amp;page=2"' in first.content.decode()
    second = client.get("/staff/programs/", {"status": "", "page": "2"})
    assert len(second.context["programs"]) == 1
    assert 'href="?status=&amp;page=1"' in second.content.decode()
    shown = [p.pk for p in first.context["programs"]] + [p.pk for p in second.context["programs"]]
    assert sorted(shown) == sorted(programs)
