"""The tenancy layer leaves nothing behind after a request, even one that fails with a 500:
the next request on the same worker starts unscoped and with no viewer context."""

import pytest
from django.urls import path
from django_scopes import get_scope
from rest_framework.views import APIView

from accounts.tenancy import OrganizationAPIMixin
from accounts.viewer import INSTALLED
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


class Exploding(OrganizationAPIMixin, APIView):
    def get(self, request, *args, **kwargs):
        raise RuntimeError("a bug in a view")


urlpatterns = [path("api/v1/orgs/<slug:org>/explode/", Exploding.as_view())]


def test_a_500_in_an_api_view_leaves_no_scope_and_no_viewer_behind(org_a, settings):
    settings.ROOT_URLCONF = __name__
    client = api_client_for(org_a.admin)
    client.raise_request_exception = False
    assert client.get("/api/v1/orgs/alpha/explode/").status_code == 500
    assert get_scope() == {}
    assert not hasattr(org_a.admin, INSTALLED)
    assert getattr(org_a.admin, "_organization_roles", None) is None
