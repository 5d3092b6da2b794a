"""Route walker: every page under /o/<org>/ and API route under /api/v1/orgs/<org>/, for
every method, answers other tenants' members and strangers exactly like a missing object
(404), anonymous visitors with a login redirect or 401, and never lists foreign rows."""

import pytest
from django.test import override_settings

from tests.isolation.check import isolation_failures
from tests.isolation.routes import tenant_routes
from tests.isolation.world import build_world

pytestmark = pytest.mark.django_db


def test_every_tenant_route_isolates_organizations():
    world = build_world()
    failures = isolation_failures(world)
    assert not failures, "\n".join(failures)


def test_walker_sees_pages_and_api_routes():
    routes = {route.name for route in tenant_routes()}
    assert "programs:org-home" in routes
    assert "api:members-list" in routes


@override_settings(ROOT_URLCONF="tests.isolation.leaky_urls")
def test_walker_catches_a_route_added_without_protection():
    world = build_world()
    failures = isolation_failures(world, urlconf="tests.isolation.leaky_urls", only="leak/")
    assert any("/leak/" in failure for failure in failures), failures
