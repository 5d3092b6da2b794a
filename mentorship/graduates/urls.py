from django.urls import path

from mentorship.graduates import views

me_urlpatterns = [
    path("graduate/", views.my_profile, name="me-graduate-profile"),
    path("graduate/interests/", views.my_interests, name="me-graduate-interests"),
    path("graduate/interests/<uuid:interest>/", views.my_interest, name="me-graduate-interest"),
    path("endorse/<uuid:mentorship>/", views.endorse, name="me-endorse"),
]
staff_urlpatterns = [
    path("employers/", views.staff_employers, name="staff-employers"),
    path("employers/<uuid:employer>/", views.staff_employer, name="staff-employer"),
]
public_urlpatterns = [
    path("employers/", views.directory, name="employer-directory"),
    path("employers/request/", views.employer_request, name="employer-request"),
    path("employers/interests/", views.employer_interests, name="employer-interests"),
    path("employers/colleagues/", views.employer_colleagues, name="employer-colleagues"),
    path("employers/join/<uuid:invitation>/", views.employer_join, name="employer-join"),
    path("employers/graduates/<uuid:profile>/", views.employer_profile, name="employer-profile"),
    path("graduates/", views.public_graduates, name="graduates"),
    path("graduates/<uuid:profile>/", views.public_graduate, name="graduate"),
]
