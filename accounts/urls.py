from django.urls import include, path

from accounts.invitations import views as invitations
from accounts.organizations import views as organizations
from accounts.people import views as people
from accounts.tokens import views as tokens

app_name = "accounts"

me_urlpatterns = [
    path("", people.me_home, name="me"),
    path("tokens/", tokens.me_tokens, name="tokens"),
    path("tokens/<str:token_key>/revoke/", tokens.me_token_revoke, name="token-revoke"),
]
org_urlpatterns = [
    path("members/", organizations.organization_members, name="org-members"),
    path("policy/", organizations.organization_policy, name="org-policy"),
    path(
        "members/<int:member>/role/", organizations.organization_member_role, name="org-member-role"
    ),
    path(
        "members/<int:member>/remove/",
        organizations.organization_member_remove,
        name="org-member-remove",
    ),
]
staff_urlpatterns = [
    path("", organizations.staff_home, name="staff-home"),
    path("organizations/", organizations.staff_organizations, name="staff-organizations"),
    path(
        "organizations/<slug:slug>/edit/",
        organizations.staff_organization_edit,
        name="staff-organization-edit",
    ),
]

urlpatterns = [
    path(
        "organizations/<slug:org>/logo/", organizations.organization_logo, name="organization-logo"
    ),
    path("me/", include(me_urlpatterns)),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("staff/", include(staff_urlpatterns)),
]

# Profiles, resume and demographics (personal pages; the resume download checks
# accounts.view_resume and answers 404 to everyone else).

me_urlpatterns += [
    path("profile/", people.profile_edit, name="profile"),
    path("profile/resume/", people.resume_upload, name="resume-upload"),
    path("profile/resume/remove/", people.resume_remove, name="resume-remove"),
    path("mentor-profile/", people.mentor_profile_edit, name="mentor-profile"),
    path("demographics/", people.demographics_edit, name="demographics"),
    path("demographics/erase/", people.demographics_erase_view, name="demographics-erase"),
]
staff_urlpatterns += [
    path("demographics/", people.staff_demographics, name="staff-demographics"),
]
urlpatterns += [
    path("resumes/<uuid:profile>/", people.resume_download, name="resume-download"),
]

# Invitations, join requests and organization requests. `+=` extends the same lists the
# includes above hold, so the prefixes stay in one place.

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
        invitations.staff_organization_requests,
        name="staff-organization-requests",
    ),
    path(
        "organization-requests/<uuid:organization_request>/",
        invitations.staff_organization_request,
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
        invitations.organization_request_new,
        name="organization-request-new",
    ),
    path("join/<slug:org>/", invitations.join_request_new, name="join"),
]
