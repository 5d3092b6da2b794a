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

from django.template.response import SimpleTemplateResponse
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


def _rendered(response):
    # The admin answers with template responses, rendered by Django only after the view has
    # returned. A queryset made inside the door stays unscoped, but a template can still
    # reach a tenant-owned row through a related manager: rendering here keeps every query
    # of the page inside the door.
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.render()
    return response


class CrossTenantAdmin:
    """Mixin for a ModelAdmin of a tenant-owned model (list it before `admin.ModelAdmin`).
    Django's admin is a platform superuser's tool and shows every organization's rows on
    purpose, and it has no tenant to enter: its pages run through `cross_tenant`, rendered
    before they leave it. Who may open them is still the admin site's own check (staff with
    the model's permission)."""

    @cross_tenant
    def changelist_view(self, request, extra_context=None):
        """Cross-tenant because a superuser lists every organization's rows; filtered by
        the admin's own search, filters and pagination."""
        return _rendered(super().changelist_view(request, extra_context))

    @cross_tenant
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Cross-tenant because a superuser opens (or adds) a row of any organization;
        filtered by the row's id. The add and change pages both come through here."""
        return _rendered(super().changeform_view(request, object_id, form_url, extra_context))

    @cross_tenant
    def delete_view(self, request, object_id, extra_context=None):
        """Cross-tenant because a superuser deletes a row of any organization; filtered by
        the row's id."""
        return _rendered(super().delete_view(request, object_id, extra_context))

    @cross_tenant
    def history_view(self, request, object_id, extra_context=None):
        """Cross-tenant because a superuser reads the history of a row of any organization;
        filtered by the row's id."""
        return _rendered(super().history_view(request, object_id, extra_context))
