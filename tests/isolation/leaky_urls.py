"""The real URLs plus deliberately broken tenant routes, to prove the walker catches them:
one with no protection at all, and two that check membership but show a row of the other
organization by its id only (no name): a public id (UUID) on a page, an integer `id` in
the API."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path
from django_scopes import scopes_disabled

from accounts.organizations.models import Organization
from applications.apply.models import Application
from config.urls import urlpatterns as real_urlpatterns
from programs.terms.models import Term


def _member_or_404(request, org):
    with scopes_disabled():
        organization = Organization.objects.filter(slug=org).first()
        if (
            organization is None
            or not request.user.is_authenticated
            or not organization.memberships.filter(user=request.user).exists()
        ):
            raise Http404
    return organization


def leaky_view(request, org):
    return HttpResponse(Organization.objects.get(slug=org).name)


def uuid_leak_view(request, org):
    _member_or_404(request, org)
    other = Application.objects.with_scopes_disabled().exclude(organization__slug=org).first()
    return HttpResponse(f"<a href='/applications/{other.public_id}/'>Application</a>")


def id_leak_view(request, org):
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "Authentication required."}, status=401)
    _member_or_404(request, org)
    other = Term.objects.with_scopes_disabled().exclude(organization__slug=org).first()
    return JsonResponse({"results": [{"id": other.pk, "capacity": other.capacity}]})


urlpatterns = [
    *real_urlpatterns,
    path("o/<slug:org>/leak/", leaky_view, name="leak"),
    path("o/<slug:org>/uuid-leak/", uuid_leak_view, name="uuid-leak"),
    path("api/v1/orgs/<slug:org>/id-leak/", id_leak_view, name="id-leak"),
]
