"""The one door out of the tenant scope.

django-scopes guards the managers of tenant-owned models: a query that forgot its
organization raises instead of leaking. Some work is cross-tenant by nature (a mentee's own
applications across organizations, the cycle's one-acceptance rule, the public catalog,
platform-staff pages, background sweeps, demo data). Such work is done only inside functions
decorated with `cross_tenant`, each reviewed like security code: the decorator is the only
place that disables the scope (tests/test_cross_tenant.py fails on any other use of
`scopes_disabled`), so `grep -rn "@cross_tenant"` lists every door."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django_scopes import scopes_disabled

F = TypeVar("F", bound=Callable)


def cross_tenant(function: F) -> F:
    """Runs `function` with the tenant scope disabled. Its docstring must say why the work
    crosses tenants and how it still filters (by the signed-in person, by id, ...)."""

    @wraps(function)
    def wrapped(*args, **kwargs):
        with scopes_disabled():
            return function(*args, **kwargs)

    wrapped.cross_tenant = True
    return wrapped  # type: ignore[return-value]
