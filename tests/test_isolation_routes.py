"""Route walker: every page under /o/<org>/ and API route under /api/v1/orgs/<org>/, for
every method, answers other tenants' members and strangers exactly like a missing object
(404), anonymous visitors with a login redirect or 401, and never shows organization A's
members a row of organization B (its marker, UUIDs, slugs, e-mails or integer ids: see
tests/isolation/world.py).

The routes are discovered from the URL resolver, one test per route and check, so they
spread over xdist workers; the world is built once per module (per worker). Known
findings go in KNOWN_LEAKS, the one table of per-route expectations."""

import pytest
from django.test import override_settings

from tests.isolation.check import (
    anonymous_failures,
    foreign_row_failures,
    outsider_failures,
)
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.routes import tenant_routes
from tests.isolation.world import FOREIGN_MARKER, tenant_models, unmarked_rows

pytestmark = pytest.mark.django_db

# route name → why it fails today. Each entry is a strict xfail: when the leak is fixed the
# test passes, fails as XPASS, and the entry must go.
KNOWN_LEAKS: dict[str, str] = {}

ROUTES = tenant_routes()
LEAKY_URLCONF = "tests.isolation.leaky_urls"


def _params(routes):
    params = []
    for route in routes:
        marks = ()
        if route.name in KNOWN_LEAKS:
            marks = pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[route.name])
        params.append(pytest.param(route, id=route.name, marks=marks))
    return params


@pytest.mark.parametrize("route", _params(ROUTES))
def test_anonymous_visitors_are_sent_to_sign_in(route, shared_world, role_clients):
    failures = anonymous_failures(route, shared_world, role_clients["anonymous"])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", ["other_org_admin", "stranger"])
@pytest.mark.parametrize("route", _params(ROUTES))
def test_outsiders_get_the_404_of_a_missing_organization(route, who, shared_world, role_clients):
    failures = outsider_failures(route, shared_world, role_clients[who], who)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", _params(ROUTES))
def test_members_see_no_row_of_the_other_organization(route, shared_world, role_clients, traces):
    failures = foreign_row_failures(route, shared_world, role_clients, traces)
    assert not failures, "\n".join(failures)


# --- the walker's own tests ----------------------------------------------------------------


def test_walker_sees_pages_and_api_routes():
    routes = {route.name for route in ROUTES}
    assert "programs:org-home" in routes
    assert "api:members-list" in routes


def test_every_row_of_the_other_organization_carries_the_marker(shared_world):
    assert not unmarked_rows(shared_world)


def test_traces_name_the_other_organizations_rows(shared_world, traces):
    assert FOREIGN_MARKER in traces.strings
    assert str(shared_world.params_b["application"]) in traces.strings
    assert shared_world.params_b["term"] in traces.ids
    assert shared_world.params_a["term"] not in traces.ids
    assert str(shared_world.params_a["application"]) not in traces.strings
    assert len(tenant_models()) > 10


def _leaky(name):
    return next(r for r in tenant_routes(LEAKY_URLCONF) if r.name == name)


@override_settings(ROOT_URLCONF=LEAKY_URLCONF)
def test_walker_catches_a_route_added_without_protection(shared_world, role_clients):
    route = _leaky("leak")
    failures = outsider_failures(
        route, shared_world, role_clients["other_org_admin"], "other_org_admin", LEAKY_URLCONF
    ) + anonymous_failures(route, shared_world, role_clients["anonymous"], LEAKY_URLCONF)
    assert any("/leak/" in failure for failure in failures), failures


@override_settings(ROOT_URLCONF=LEAKY_URLCONF)
@pytest.mark.parametrize("name", ["uuid-leak", "id-leak"])
def test_walker_catches_a_route_that_shows_only_an_id_of_the_other_organization(
    name,
    shared_world,
    role_clients,
    traces,
):
    route = _leaky(name)
    # Protected like a real route: only the check on foreign rows can find the leak.
    assert not outsider_failures(
        route, shared_world, role_clients["stranger"], "stranger", LEAKY_URLCONF
    )
    failures = foreign_row_failures(route, shared_world, role_clients, traces, LEAKY_URLCONF)
    assert len(failures) == 3, failures
