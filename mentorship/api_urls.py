"""/api/v1/: `me/` personal, `orgs/<org>/` members of an organization, `staff/` platform
staff, `programs/` public. Each app contributes its patterns to these prefixes."""

from django.urls import include, path

from accounts.api import urls as accounts_api
from applications.api import urls_decisions, urls_mentee, urls_review
from programs.api import urls as programs_api

app_name = "api"

urlpatterns = [
    path("me/", include(accounts_api.me_urlpatterns)),
    path("orgs/<slug:org>/", include(accounts_api.org_urlpatterns)),
    path("orgs/<slug:org>/", include(programs_api.org_urlpatterns)),
    path("staff/", include(accounts_api.staff_urlpatterns)),
    path("staff/", include(programs_api.staff_urlpatterns)),
    path("programs/", include(programs_api.public_urlpatterns)),
]
for area in (urls_mentee, urls_review, urls_decisions):
    urlpatterns += [
        path("me/", include(area.me_urlpatterns)),
        path("orgs/<slug:org>/", include(area.org_urlpatterns)),
    ]
