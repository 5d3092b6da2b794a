"""Who may do what with rank lists and matching runs: every role × every page and API
action, one test per cell. Staff routes answer 404 to everyone but platform staff."""

import pytest
from django_scopes import scopes_disabled

from applications.apply.models import Application
from applications.ranking.selectors import term_rank_list
from programs.terms.models import Term
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import module_storage_fixtures
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db
_module_storage, _private_storage = module_storage_fixtures()

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
RANKERS_PAGE = {**PAGE, "*": 403, "admin": 200, "coordinator": 200}
RANKERS_API = {**API, "*": 403, "admin": 200, "coordinator": 200}
ADMIN_PAGE = {**PAGE, "*": 403, "admin": 200}
ADMIN_API = {**API, "*": 403, "admin": 200}
STAFF_PAGE = {"*": 404, "staff": 200, "anonymous": 302}
STAFF_API = {"*": 404, "staff": 200, "anonymous": 401}


@pytest.fixture(scope="module")
def world(shared_world, django_db_blocker):
    with django_db_blocker.unblock(), scopes_disabled():
        term = Term.objects.get(pk=shared_world.params_a["term"])
        entries = term_rank_list(term=term)
        if not entries:  # someone of the term's list to move
            entries = [Application.objects.filter(term=term, state="submitted").first()]
        shared_world.extra["ranked"] = str(
            getattr(entries[0], "public_id", None) if entries[0] else ""
        )
    return shared_world


def _move(w):
    return {"application": w.extra["ranked"], "position": 1}


TABLE = [
    row("get", "applications:rank-list", RANKERS_PAGE, term=...),
    row(
        "post",
        "applications:rank-list-move",
        {**RANKERS_PAGE, "admin": 302, "coordinator": 302},
        data=_move,
        term=...,
    ),
    row(
        "post",
        "applications:rank-list-cut",
        {**RANKERS_PAGE, "admin": 302, "coordinator": 302},
        data={"cut": "5"},
        term=...,
    ),
    row(
        "post",
        "applications:rank-list-reset",
        {**RANKERS_PAGE, "admin": 302, "coordinator": 302},
        term=...,
    ),
    row("get", "api:rank-list", RANKERS_API, term=...),
    row("post", "api:rank-list-cut", RANKERS_API, data={"cut": 5}, term=...),
    row("get", "mentorship:org-matching", ADMIN_PAGE),
    row("get", "mentorship:org-matching-run", ADMIN_PAGE, run=...),
    row("get", "api:matching-runs-list", ADMIN_API),
    row("get", "api:matching-runs-detail", ADMIN_API, run=...),
    # staff
    row("get", "mentorship:staff-matching", STAFF_PAGE, org=False),
    row("get", "mentorship:staff-run", STAFF_PAGE, org=False, run=...),
    row("get", "mentorship:staff-run-progress", STAFF_PAGE, org=False, run=...),
    row("get", "mentorship:staff-run-export", STAFF_PAGE, org=False, run=...),
    row("post", "mentorship:staff-run-publish", {**STAFF_PAGE, "staff": 302}, org=False, run=...),
    row("get", "api:staff-matching-runs-list", STAFF_API, org=False),
    row("get", "api:staff-matching-runs-detail", STAFF_API, org=False, run=...),
    row("get", "api:staff-matching-runs-preview", STAFF_API, org=False, run=...),
    row("get", "api:staff-matching-runs-export", STAFF_API, org=False, run=...),
    row("post", "api:staff-matching-runs-publish", STAFF_API, org=False, run=...),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_matching_role_matrix(world, role_clients, cell, role):
    check_cell(world, role_clients, cell, role)
