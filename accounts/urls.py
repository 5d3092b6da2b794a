from django.urls import include, path

from accounts.views import me, organization, staff

app_name = "accounts"

me_urlpatterns = [
    path("", me.me_home, name="me"),
    path("tokens/", me.me_tokens, name="tokens"),
    path("tokens/<str:token_key>/revoke/", me.me_token_revoke, name="token-revoke"),
]
org_urlpatterns = [
    path("", organization.organization_home, name="org-home"),
    path("members/", organization.organization_members, name="org-members"),
    path(
        "members/<int:member>/role/", organization.organization_member_role, name="org-member-role"
    ),
    path(
        "members/<int:member>/remove/",
        organization.organization_member_remove,
        name="org-member-remove",
    ),
]
staff_urlpatterns = [
    path("", staff.staff_home, name="staff-home"),
    path("organizations/", staff.staff_organizations, name="staff-organizations"),
    path(
        "organizations/<slug:slug>/edit/",
        staff.staff_organization_edit,
        name="staff-organization-edit",
    ),
]

urlpatterns = [
    path(
        "organizations/<slug:org>/logo/", organization.organization_logo, name="organization-logo"
    ),
    path("me/", include(me_urlpatterns)),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("staff/", include(staff_urlpatterns)),
]

# Profiles, resume and demographics (personal pages; the resume download checks
# accounts.view_resume and answers 404 to everyone else).
from accounts.views import profile as profile_views  # noqa: E402

me_urlpatterns += [
    path("profile/", profile_views.profile_edit, name="profile"),
    path("profile/resume/", profile_views.resume_upload, name="resume-upload"),
    path("profile/resume/remove/", profile_views.resume_remove, name="resume-remove"),
    path("mentor-profile/", profile_views.mentor_profile_edit, name="mentor-profile"),
    path("demographics/", profile_views.demographics_edit, name="demographics"),
    path("demographics/erase/", profile_views.demographics_erase_view, name="demographics-erase"),
]
staff_urlpatterns += [
    path("demographics/", profile_views.staff_demographics, name="staff-demographics"),
]
urlpatterns += [
    path("resumes/<uuid:profile>/", profile_views.resume_download, name="resume-download"),
]

# Invitations, join requests and organization requests. `+=` extends the same lists the
# includes above hold, so the prefixes stay in one place.
from accounts.views import invitations, organization_requests  # noqa: E402

org_urlpatterns += [
    path("invitations/", invitations.organization_invitation_create, name="org-invitation-create"),
    path(
        "invitations/<uuid:invitation>/resend/",
        invitations.organization_invitation_resend,
        name="org-invitation-resend",
    ),
    path(
        "invitations/<uuid:invitation>/revoke/",
        invitations.organization_invitation_revoke,
        name="org-invitation-revoke",
    ),
    path(
        "join-requests/<uuid:join_request>/approve/",
        invitations.organization_join_request_approve,
        name="org-join-request-approve",
    ),
    path(
        "join-requests/<uuid:join_request>/decline/",
        invitations.organization_join_request_decline,
        name="org-join-request-decline",
    ),
]
me_urlpatterns += [
    path(
        "invitations/<uuid:invitation>/accept/",
        invitations.my_invitation_accept,
        name="my-invitation-accept",
    ),
    path(
        "invitations/<uuid:invitation>/decline/",
        invitations.my_invitation_decline,
        name="my-invitation-decline",
    ),
]
staff_urlpatterns += [
    path(
        "organization-requests/",
        organization_requests.staff_organization_requests,
        name="staff-organization-requests",
    ),
    path(
        "organization-requests/<uuid:organization_request>/",
        organization_requests.staff_organization_request,
        name="staff-organization-request",
    ),
]
urlpatterns += [
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path(
        "invitations/<str:token>/accept/",
        invitations.invitation_accept_view,
        name="invitation-accept",
    ),
    path(
        "invitations/<str:token>/decline/",
        invitations.invitation_decline_view,
        name="invitation-decline",
    ),
    path("organizations/", invitations.organizations, name="organizations"),
    path(
        "organizations/request/",
        organization_requests.organization_request_new,
        name="organization-request-new",
    ),
    path("join/<slug:org>/", invitations.join_request_new, name="join"),
]
