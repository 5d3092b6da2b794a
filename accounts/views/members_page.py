"""The organization's members page: members, pending invitations and join requests. Shared
by the views that post to it and show their form errors in place."""

from django.shortcuts import render

from accounts import selectors
from accounts.forms import InvitationForm, JoinRequestDeclineForm, MemberAddForm, MemberRoleForm

# The add-member form on the same page has the same field names: distinct ids keep labels right.
INVITE_AUTO_ID = "invite_%s"


def members_page(request, *, form=None, invite_form=None, status=200):
    organization = request.organization
    return render(
        request,
        "accounts/organization_members.html",
        {
            "organization": organization,
            "form": form or MemberAddForm(),
            "members": selectors.organization_members(organization=organization),
            "role_form": MemberRoleForm(),
            "invite_form": invite_form or InvitationForm(auto_id=INVITE_AUTO_ID),
            "invitations": selectors.organization_pending_invitations(organization=organization),
            "join_requests": selectors.organization_pending_join_requests(
                organization=organization
            ),
            "decline_form": JoinRequestDeclineForm(),
        },
        status=status,
    )
