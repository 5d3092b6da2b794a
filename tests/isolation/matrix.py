"""The role matrix: one table per app of (method, route, body) × role → expected status,
one test per cell (`pytest.mark.parametrize("cell", cells(TABLE))`).

Values in a row that depend on the world are given as `...` (a URL parameter filled from
`world.params_a`) or as a function of the world (`data=lambda w: {...}`), so the table is
module-level and the world is built once per module (tests/isolation/fixtures.py). Each
cell runs in a savepoint that is rolled back, so a successful write in one cell does not
change what the next cell sees."""

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import reverse

from tests.isolation.fixtures import ROLES

__all__ = ["ROLES", "Row", "cells", "check_cell", "row", "status_of"]


@dataclass(frozen=True)
class Row:
    method: str
    name: str
    expected: dict
    data: object = None
    kwargs: dict = field(default_factory=dict)
    case: str = ""  # tells apart two rows of one route
    org: bool = True  # the route takes the organization
    args: object = None  # positional URL arguments (or a function of the world), if any

    def want(self, role: str) -> int:
        return self.expected.get(role, self.expected.get("*"))

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")

    @property
    def label(self) -> str:
        """For test ids: the case, else the URL parameters given as functions."""
        case = self.case or ", ".join(
            f"{key}={value.__name__.strip('_')}"
            for key, value in self.kwargs.items()
            if callable(value)
        )
        return f"{self.method.upper()} {self.name}" + (f" ({case})" if case else "")


def row(method, name, expected, data=None, case="", org=True, args=None, **kwargs) -> Row:
    """`expected` maps role → status; roles left out are expected to get `expected['*']`."""
    return Row(method, name, expected, data, kwargs, case, org, args)


def cells(table, roles=ROLES):
    return [pytest.param(r, role, id=f"{r.label} as {role}") for r in table for role in roles]


def _resolve(value, world):
    return value(world) if callable(value) else value


def url_of(world, r: Row) -> str:
    if r.args is not None:
        return reverse(r.name, args=_resolve(r.args, world))
    params = {}
    for key, value in r.kwargs.items():
        params[key] = world.params_a[key] if value is Ellipsis else _resolve(value, world)
    if r.org:
        params = {"org": world.params_a["org"], **params}
    return reverse(r.name, kwargs=params or None)


def status_of(client, method, url, data, is_api) -> int:
    with transaction.atomic():
        kwargs = {"format": "json"} if is_api and data is not None else {}
        response = getattr(client, method)(url, data, **kwargs)
        transaction.set_rollback(True)
    return response.status_code


def check_cell(world, clients, r: Row, role: str) -> None:
    url = url_of(world, r)
    status = status_of(clients[role], r.method, url, _resolve(r.data, world), r.is_api)
    assert status == r.want(role), f"{r.method.upper()} {url} as {role}: {status}"
