from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

me_router = SimpleRouter()
me_router.register("tokens", views.MyTokensViewSet, basename="my-tokens")

org_router = SimpleRouter()
org_router.register("members", views.MembersViewSet, basename="members")

staff_router = SimpleRouter()
staff_router.register(
    "organizations", views.StaffOrganizationsViewSet, basename="staff-organizations"
)

me_urlpatterns = [
    path("", views.MeView.as_view(), name="me"),
    path("organizations/", views.MyOrganizationsView.as_view(), name="my-organizations"),
    *me_router.urls,
]
org_urlpatterns = [
    path("", views.OrganizationDetailView.as_view(), name="organization"),
    *org_router.urls,
]
staff_urlpatterns = staff_router.urls

# Profiles, resume and demographics (accounts part A).
from accounts.api import profile as profile_api  # noqa: E402

me_urlpatterns += [
    path("profile/", profile_api.MyProfileView.as_view(), name="my-profile"),
    path("profile/resume/", profile_api.MyResumeView.as_view(), name="my-resume"),
    path("mentor-profile/", profile_api.MyMentorProfileView.as_view(), name="my-mentor-profile"),
    path("demographics/", profile_api.MyDemographicsView.as_view(), name="my-demographics"),
]
# Invitations, join requests and organization requests: their own routers, appended to the
# same prefixes, keep this block self-contained.
from accounts.api import invitations as invitations_api  # noqa: E402

_me = SimpleRouter()
_me.register("invitations", invitations_api.MyInvitationsViewSet, basename="my-invitations")
_me.register("join-requests", invitations_api.MyJoinRequestsViewSet, basename="my-join-requests")
_me.register(
    "organization-requests",
    invitations_api.MyOrganizationRequestsViewSet,
    basename="my-organization-requests",
)
_org = SimpleRouter()
_org.register(
    "invitations", invitations_api.OrganizationInvitationsViewSet, basename="org-invitations"
)
_org.register(
    "join-requests", invitations_api.OrganizationJoinRequestsViewSet, basename="org-join-requests"
)
_staff = SimpleRouter()
_staff.register(
    "organization-requests",
    invitations_api.StaffOrganizationRequestsViewSet,
    basename="staff-organization-requests",
)
me_urlpatterns += _me.urls
org_urlpatterns += _org.urls
staff_urlpatterns += _staff.urls
