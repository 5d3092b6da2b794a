"""The isolation checks, one per kind of finding, shared by the route walker and its
self-tests. Each returns the list of failures for one route."""

import json

from django.urls import reverse

from tests.isolation.routes import Route
from tests.isolation.world import Traces, World

PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")
MEMBERS = ("admin", "coordinator", "mentor")


def methods(route: Route) -> tuple[str, ...]:
    return API_METHODS if route.is_api else PAGE_METHODS


def route_url(route: Route, params: dict, urlconf=None) -> str:
    missing = [p for p in route.params if p not in params]
    if missing:
        raise AssertionError(
            f"No test object for URL parameter(s) {missing} of {route.route}: add them to the "
            "`build` function of tests/<app>/isolation.py."
        )
    return reverse(route.name, kwargs={p: params[p] for p in route.params}, urlconf=urlconf)


def anonymous_failures(route: Route, world: World, client, urlconf=None) -> list[str]:
    """Anonymous visitors get a login redirect (pages) or 401 (API), for every method."""
    url = route_url(route, world.params_a, urlconf)
    failures = []
    for method in methods(route):
        answer = getattr(client, method)(url)
        if route.is_api:
            ok = answer.status_code == 401
        else:
            ok = answer.status_code == 302 and "/accounts/login/" in answer["Location"]
        if not ok:
            failures.append(f"{method.upper()} {url} anonymous → {answer.status_code}")
    return failures


def outsider_failures(route: Route, world: World, client, who: str, urlconf=None) -> list[str]:
    """An outsider gets the 404 of a missing organization, for every method."""
    url = route_url(route, world.params_a, urlconf)
    missing_url = route_url(route, dict(world.params_a, org="no-such-organization"), urlconf)
    failures = []
    for method in methods(route):
        answer = getattr(client, method)(url)
        baseline = getattr(client, method)(missing_url)
        if answer.status_code != 404 or baseline.status_code != 404:
            failures.append(
                f"{method.upper()} {url} as {who} → {answer.status_code} "
                f"(missing organization → {baseline.status_code}; both must be 404)"
            )
    return failures


def body_of(answer) -> bytes:
    if getattr(answer, "streaming", False):
        return b"".join(answer.streaming_content)
    return answer.content


def _json_ids(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, int) and not isinstance(item, bool):
                yield item
            else:
                yield from _json_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_ids(item)


def traces_in(content: bytes, content_type: str, traces: Traces) -> list[str]:
    """The traces of organization B in one answer: its marker, UUIDs, slugs and e-mails as
    substrings of the body, its integer ids as values of `id` keys of a JSON body."""
    body = content.decode(errors="replace").lower()
    found = sorted(s for s in traces.strings if s in body)
    if "json" in content_type:
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        found += sorted(f"id {i}" for i in set(_json_ids(data)) & traces.ids)
    return found


def foreign_row_failures(route: Route, world: World, clients: dict, traces: Traces, urlconf=None):
    """A GET by any member of organization A shows nothing of organization B."""
    url = route_url(route, world.params_a, urlconf)
    failures = []
    for role in MEMBERS:
        answer = clients[role].get(url)
        found = traces_in(body_of(answer), answer.get("Content-Type", ""), traces)
        if found:
            failures.append(
                f"GET {url} as {role} of A ({answer.status_code}) shows rows of organization B: "
                + ", ".join(found[:5])
            )
    return failures
