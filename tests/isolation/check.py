"""The isolation check itself, shared by the route walker and its self-test."""

from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.isolation.routes import tenant_routes
from tests.isolation.world import FOREIGN_MARKER, World

PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")


def _client(route, user):
    client = APIClient() if route.is_api else Client()
    client.raise_request_exception = False  # a 500 is a finding, not a crash of the walker
    if user is not None:
        client.force_login(user)
    return client


def _url(route, params, urlconf=None):
    missing = [p for p in route.params if p not in params]
    if missing:
        raise AssertionError(
            f"No test object for URL parameter(s) {missing} of {route.route}: add them to the "
            "`build` function of tests/<app>/isolation.py."
        )
    return reverse(route.name, kwargs={p: params[p] for p in route.params}, urlconf=urlconf)


def isolation_failures(world: World, urlconf=None, only: str = "") -> list[str]:
    """Every way a tenant route answers outsiders differently from a missing object, or
    shows organization A's members rows of organization B."""
    failures = []
    routes = [route for route in tenant_routes(urlconf) if only in route.route]
    assert routes, "no tenant routes found"
    missing_params = dict(world.params_a, org="no-such-organization")
    for route in routes:
        url = _url(route, world.params_a, urlconf)
        missing_url = _url(route, missing_params, urlconf)
        methods = API_METHODS if route.is_api else PAGE_METHODS
        for method in methods:
            anonymous = getattr(_client(route, None), method)(url)
            expected = (401,) if route.is_api else (302,)
            if anonymous.status_code not in expected or (
                not route.is_api and "/accounts/login/" not in anonymous["Location"]
            ):
                failures.append(f"{method.upper()} {url} anonymous → {anonymous.status_code}")
            for who in ("other_org_admin", "stranger"):
                client = _client(route, world.user(who))
                answer = getattr(client, method)(url)
                baseline = getattr(client, method)(missing_url)
                if answer.status_code != 404 or baseline.status_code != 404:
                    failures.append(
                        f"{method.upper()} {url} as {who} → {answer.status_code} "
                        f"(missing organization → {baseline.status_code}; both must be 404)"
                    )
        admin_view = _client(route, world.a.admin).get(url)
        body = admin_view.content.decode(errors="replace").lower()
        if admin_view.status_code == 200 and FOREIGN_MARKER in body:
            failures.append(f"GET {url} as admin of A shows a row of organization B")
    return failures
