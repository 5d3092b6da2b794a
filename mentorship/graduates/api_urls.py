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
    path("endorsements/", api.MyEndorsementsView.as_view(), name="my-endorsements"),
    path(
        "endorsements/<uuid:endorsement>/answer/",
        api.MyEndorsementAnswerView.as_view(),
        name="my-endorsement-answer",
    ),
    path("endorse/<uuid:mentorship>/", api.EndorseView.as_view(), name="endorse"),
    *_me.urls,
]

_employers = SimpleRouter()
_employers.register("graduates", api.EmployerGraduatesViewSet, basename="employer-graduates")
_employers.register("interests", api.EmployerInterestsViewSet, basename="employer-interests")
employer_urlpatterns = [
    path("account/", api.EmployerAccountView.as_view(), name="employer-account"),
    path("colleagues/", api.EmployerColleaguesView.as_view(), name="employer-colleagues"),
    *_employers.urls,
]

_staff = SimpleRouter()
_staff.register("employers", api.StaffEmployersViewSet, basename="staff-employers")
staff_urlpatterns = _staff.urls

_public = SimpleRouter()
_public.register("", api.PublicGraduatesViewSet, basename="public-graduates")
public_urlpatterns = _public.urls
