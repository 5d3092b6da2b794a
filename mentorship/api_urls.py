"""/api/v1/: `me/` personal, `orgs/<org>/` members of an organization, `staff/` platform
staff, `programs/` public. Each app contributes its patterns to these prefixes."""

from django.urls import include, path

from accounts.api import urls as accounts_api

app_name = "api"

urlpatterns = [
    path("me/", include(accounts_api.me_urlpatterns)),
    path("orgs/<slug:org>/", include(accounts_api.org_urlpatterns)),
    path("staff/", include(accounts_api.staff_urlpatterns)),
]
