"""The isolation layer. Every page under /o/<org>/ uses `organization_view`; every API view
under /api/v1/orgs/<org>/ inherits `OrganizationAPIMixin`. Both resolve the organization
once, after authentication, answer 404 to non-members exactly as for a missing organization,
resolve the viewer context (accounts.viewer: role, policy, cached lookups) once for the
request, enter the organization's django-scopes scope, and only then check the view's
named permission, so the permission predicates run inside the scope like the view does and
a query on a tenant-owned model that forgot its organization raises instead of leaking."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_scopes import scope
from rest_framework import exceptions

from accounts.mfa import second_factor_api_message, second_factor_page_response
from accounts.organizations.selectors import organization_for_member, user_roles
from accounts.viewer import viewer_install, viewer_uninstall

T = TypeVar("T")


def organization_view(permission: str = "accounts.view_organization"):
    """Decorates a page view taking `org` (the slug) as its first URL parameter."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, org, *args, **kwargs):
            organization = organization_for_member(user=request.user, slug=org)
            role = user_roles(request.user)[organization.pk]
            refusal = second_factor_page_response(request, role=role)
            if refusal is not None:
                return refusal
            request.organization = organization
            request.organization_role = role
            request.viewer = viewer_install(request.user, organization)
            try:
                with scope(organization=organization):
                    if not request.user.has_perm(permission, organization):
                        raise PermissionDenied("Your role in this organization cannot do this.")
                    return view(request, *args, **kwargs)
            finally:
                viewer_uninstall(request.user)

        wrapped.organization_permission = permission
        return wrapped

    return decorator


def staff_view(view):
    """Platform staff pages. Anyone else gets the same 404 as for a missing page."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("accounts.staff"):
            raise Http404()
        refusal = second_factor_page_response(request, staff=True)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return wrapped


class OrganizationAPIMixin:
    """Base for API views under /api/v1/orgs/<org>/.

    DRF authenticates inside the view, so the organization is resolved in `initial()`, after
    authentication and the IsAuthenticated check (anonymous → 401 before any lookup).
    `permission_map` names the permission per action; `organization_permission` is the
    default."""

    organization_permission = "accounts.view_organization"
    permission_map: dict[str, str] = {}

    def required_permission(self) -> str:
        action = getattr(self, "action", None) or self.request.method.lower()
        return self.permission_map.get(action, self.organization_permission)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        organization = organization_for_member(user=request.user, slug=kwargs.get("org", ""))
        role = user_roles(request.user)[organization.pk]
        refusal = second_factor_api_message(request, role=role)
        if refusal is not None:
            raise exceptions.PermissionDenied(refusal)
        self.organization = organization
        self.organization_role = role
        self.viewer = viewer_install(request.user, organization)
        self._scope = scope(organization=organization)
        self._scope.__enter__()
        if not request.user.has_perm(self.required_permission(), organization):
            raise exceptions.PermissionDenied("Your role in this organization cannot do this.")

    def dispatch(self, request, *args, **kwargs):
        # DRF skips finalize_response when an exception escapes the view (a 500), so the
        # scope and the viewer context are left here, whatever happens.
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            active = getattr(self, "_scope", None)
            if active is not None:
                self._scope = None
                active.__exit__(None, None, None)
            viewer_uninstall(request.user)


class StaffAPIMixin:
    """Base for API views under /api/v1/staff/: 401 anonymous, 404 to everyone not staff."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("accounts.staff"):
            raise exceptions.NotFound()
        refusal = second_factor_api_message(request, staff=True)
        if refusal is not None:
            raise exceptions.PermissionDenied(refusal)


# --- the signed-in person's own objects under /me/ -------------------------------------------


@contextmanager
def owned_object(request, lookup: Callable[..., T], public_id) -> Iterator[T]:
    """The one way a /me/ page or API view gets the signed-in person's own object:
    `with owned_object(request, selectors.my_application_get, public_id) as application:`.

    `lookup` is a `@cross_tenant` selector taking `user` and `public_id` that filters by the
    owner and raises Http404 for anyone else's object or none (the /me/ URL names no
    organization, so the lookup itself crosses tenants). The rest of the block runs inside
    the object's organization scope, so everything the view does next is tenant-checked.
    An anonymous request gets the same 404 (login_required and DRF's authentication answer
    before this in practice)."""
    if not request.user.is_authenticated:
        raise Http404()
    try:
        found = lookup(user=request.user, public_id=public_id)
    except (ValueError, DjangoValidationError):
        raise Http404() from None
    with scope(organization=found.organization_id):
        yield found


class OwnedObjectAPIMixin:
    """Base for detail API views under /api/v1/me/ (DRF viewsets): `get_object()` loads the
    person's own object through `owned_object` with `owned_lookup` (a `@cross_tenant`
    selector) and the URL's `lookup_url_kwarg`, and the object's organization scope stays
    entered until the response is finalized."""

    owned_lookup: Callable

    def get_object(self):
        owned = owned_object(
            self.request, type(self).owned_lookup, self.kwargs[self.lookup_url_kwarg]
        )
        found = owned.__enter__()
        self._owned_scopes = [*getattr(self, "_owned_scopes", []), owned]
        return found

    def dispatch(self, request, *args, **kwargs):
        # Left in `finally`: DRF skips finalize_response when an exception escapes the view.
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            for owned in reversed(getattr(self, "_owned_scopes", [])):
                owned.__exit__(None, None, None)
            self._owned_scopes = []
