from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.invitations import api as invitations_api
from accounts.organizations import api as organizations_api
from accounts.people import api as people_api
from accounts.tokens import api as tokens_api

me_router = SimpleRouter()
me_router.register("tokens", tokens_api.MyTokensViewSet, basename="my-tokens")

org_router = SimpleRouter()
org_router.register("members", organizations_api.MembersViewSet, basename="members")

staff_router = SimpleRouter()
staff_router.register(
    "organizations", organizations_api.StaffOrganizationsViewSet, basename="staff-organizations"
)

me_urlpatterns = [
    path("", people_api.MeView.as_view(), name="me"),
    path(
        "organizations/", organizations_api.MyOrganizationsView.as_view(), name="my-organizations"
    ),
    *me_router.urls,
]
org_urlpatterns = [
    path("", organizations_api.OrganizationDetailView.as_view(), name="organization"),
    path("policy/", organizations_api.OrganizationPolicyView.as_view(), name="organization-policy"),
    *org_router.urls,
]
staff_urlpatterns = staff_router.urls

# Profiles, resume and demographics.

me_urlpatterns += [
    path("profile/", people_api.MyProfileView.as_view(), name="my-profile"),
    path("profile/resume/", people_api.MyResumeView.as_view(), name="my-resume"),
    path("mentor-profile/", people_api.MyMentorProfileView.as_view(), name="my-mentor-profile"),
    path("demographics/", people_api.MyDemographicsView.as_view(), name="my-demographics"),
]
# Invitations, join requests and organization requests: their own routers, appended to the
# same prefixes, keep this block self-contained.

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
