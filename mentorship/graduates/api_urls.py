from django.urls import path
from rest_framework.routers import SimpleRouter

from mentorship.graduates import api

_me = SimpleRouter()
_me.register("graduate-interests", api.MyGraduateInterestsViewSet, basename="my-graduate-interests")
me_urlpatterns = [
    path("graduate-profile/", api.MyGraduateProfileView.as_view(), name="my-graduate-profile"),
    path(
        "graduate-profile/publish/",
        api.MyGraduateProfilePublishView.as_view(),
        name="my-graduate-profile-publish",
    ),
    path(
        "graduate-profile/withdraw/",
        api.MyGraduateProfileWithdrawView.as_view(),
        name="my-graduate-profile-withdraw",
    ),
    *_me.urls,
]

_employers = SimpleRouter()
_employers.register("graduates", api.EmployerGraduatesViewSet, basename="employer-graduates")
_employers.register("interests", api.EmployerInterestsViewSet, basename="employer-interests")
employer_urlpatterns = _employers.urls

_public = SimpleRouter()
_public.register("", api.PublicGraduatesViewSet, basename="public-graduates")
public_urlpatterns = _public.urls
