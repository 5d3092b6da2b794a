"""API of mentorship: /api/v1/me/offers/, /api/v1/me/mentorships/ and
/api/v1/orgs/<org>/mentorships/ (mounted by config/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from mentorship.mentorships import api as mentorships_api
from mentorship.offers import api as offers_api
from mentorship.runs import api_urls as runs_api_urls

_me = SimpleRouter()
_me.register("offers", offers_api.MyOffersViewSet, basename="my-offers")
_me.register("mentorships", mentorships_api.MyMentorshipsViewSet, basename="my-mentorships")

_org = SimpleRouter()
_org.register("mentorships", mentorships_api.OrganizationMentorshipsViewSet, basename="mentorships")

me_urlpatterns = _me.urls
org_urlpatterns = _org.urls + runs_api_urls.org_urlpatterns
staff_urlpatterns = runs_api_urls.staff_urlpatterns
