"""/api/v1/: `me/` personal, `orgs/<org>/` members of an organization, `staff/` platform
staff, `programs/` public. Each app contributes its patterns to these prefixes."""

from django.urls import include, path

from accounts import api_urls as accounts_api
from applications.apply import api_urls as urls_mentee
from applications.decisions import api_urls as urls_decisions
from applications.ranking import api_urls as urls_ranking
from applications.review import api_urls as urls_review
from core.notifications import api_urls as notifications_api
from core.reminders import api_urls as reminders_api
from mentorship import api_urls as mentorship_api
from mentorship.graduates import api_urls as graduates_api
from mentorship.stats.api import StatsView
from payments import api_urls as payments_api
from programs import api_urls as programs_api

app_name = "api"

urlpatterns = [
    path("me/", include(accounts_api.me_urlpatterns)),
    path("orgs/<slug:org>/", include(accounts_api.org_urlpatterns)),
    path("orgs/<slug:org>/", include(programs_api.org_urlpatterns)),
    path("staff/", include(accounts_api.staff_urlpatterns)),
    path("staff/", include(programs_api.staff_urlpatterns)),
    path("staff/", include(mentorship_api.staff_urlpatterns)),
    path("staff/", include(payments_api.staff_urlpatterns)),
    path("programs/", include(programs_api.public_urlpatterns)),
    path("me/", include(notifications_api.me_urlpatterns)),
    path("me/", include(reminders_api.me_urlpatterns)),
    path("me/", include(graduates_api.me_urlpatterns)),
    path("me/", include(programs_api.me_urlpatterns)),
    path("employers/", include(graduates_api.employer_urlpatterns)),
    path("graduates/", include(graduates_api.public_urlpatterns)),
    path("stats/", StatsView.as_view(), name="stats"),
]
for area in (urls_mentee, urls_review, urls_decisions, urls_ranking, mentorship_api, payments_api):
    urlpatterns += [
        path("me/", include(area.me_urlpatterns)),
        path("orgs/<slug:org>/", include(area.org_urlpatterns)),
    ]
