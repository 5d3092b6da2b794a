"""The role matrix: one table per app of (method, route, body) × role → expected status.

Each cell runs in its own savepoint that is rolled back, so a successful write in one cell
does not change what the next cell sees."""

from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

ROLES = ("staff", "admin", "coordinator", "mentor", "other_org_admin", "stranger", "anonymous")


def row(method, name, expected, data=None, **kwargs):
    """`expected` maps role → status; roles left out are expected to get `expected['*']`."""
    return (method, name, data, kwargs, expected)


def matrix_failures(world, table) -> list[str]:
    failures = []
    for method, name, data, extra, expected in table:
        params = {**extra}
        for key, value in list(params.items()):
            if value is Ellipsis:  # filled from the world: row(..., member=...)
                params[key] = world.params_a[key]
        url = reverse(name, kwargs={"org": world.params_a["org"], **params})
        is_api = name.startswith("api:")
        for role in ROLES:
            want = expected.get(role, expected.get("*"))
            client = APIClient() if is_api else Client()
            client.raise_request_exception = False
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            with transaction.atomic():
                kwargs = {"format": "json"} if is_api and data is not None else {}
                response = getattr(client, method)(url, data, **kwargs)
                transaction.set_rollback(True)
            if response.status_code != want:
                failures.append(
                    f"{method.upper()} {url} as {role}: {response.status_code}, expected {want}"
                )
    return failures
