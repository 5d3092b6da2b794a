"""Pages of mentorship: the mentee's offers and mentorships (/me/), the organization's
mentorships (/o/<org>/)."""

from django.urls import include, path

from mentorship.mentorships import views as mentorships
from mentorship.offers import views as offers
from mentorship.runs import urls as runs_urls

app_name = "mentorship"

me_urlpatterns = [
    path("mentorships/", mentorships.my_mentorships, name="me-mentorships"),
    path("mentorships/<uuid:mentorship>/", mentorships.my_mentorship, name="me-mentorship"),
    path("offers/", offers.my_offers, name="me-offers"),
    path("offers/<uuid:application>/", offers.my_offer, name="me-offer"),
    path("offers/<uuid:application>/decline/", offers.my_offer_decline, name="me-offer-decline"),
]
org_urlpatterns = [
    path("mentorships/", mentorships.organization_mentorships, name="org-mentorships"),
    path(
        "mentorships/<uuid:mentorship>/",
        mentorships.organization_mentorship,
        name="org-mentorship",
    ),
    *runs_urls.org_urlpatterns,
]
urlpatterns = [
    path("me/", include(me_urlpatterns)),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("staff/", include(runs_urls.staff_urlpatterns)),
]
