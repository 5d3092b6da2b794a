"""The real URLs plus one deliberately unprotected tenant route, to prove the walker
catches it."""

from django.http import HttpResponse
from django.urls import path

from accounts.organizations.models import Organization
from config.urls import urlpatterns as real_urlpatterns


def leaky_view(request, org):
    return HttpResponse(Organization.objects.get(slug=org).name)


urlpatterns = [*real_urlpatterns, path("o/<slug:org>/leak/", leaky_view, name="leak")]
