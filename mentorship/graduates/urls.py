from django.urls import path

from mentorship.graduates.views import employers, graduate

me_urlpatterns = [
    path("graduate/", graduate.my_profile, name="me-graduate-profile"),
    path("graduate/interests/", graduate.my_interests, name="me-graduate-interests"),
    path("graduate/interests/<uuid:interest>/", graduate.my_interest, name="me-graduate-interest"),
    path("endorse/<uuid:mentorship>/", graduate.endorse, name="me-endorse"),
]
staff_urlpatterns = [
    path("employers/", employers.staff_employers, name="staff-employers"),
    path("employers/<uuid:employer>/", employers.staff_employer, name="staff-employer"),
]
public_urlpatterns = [
    path("employers/", employers.directory, name="employer-directory"),
    path("employers/request/", employers.employer_request, name="employer-request"),
    path("employers/interests/", employers.employer_interests, name="employer-interests"),
    path("employers/colleagues/", employers.employer_colleagues, name="employer-colleagues"),
    path("employers/join/<uuid:invitation>/", employers.employer_join, name="employer-join"),
    path(
        "employers/graduates/<uuid:profile>/", employers.employer_profile, name="employer-profile"
    ),
    path("graduates/", employers.public_graduates, name="graduates"),
    path("graduates/<uuid:profile>/", employers.public_graduate, name="graduate"),
]
