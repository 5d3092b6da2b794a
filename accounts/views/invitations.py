"""Pages of invitations and join requests: the admins' side on the members page, the
invitee's side at /invitations/<token>/, and asking to join from /organizations/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.forms import InvitationForm, JoinRequestDeclineForm, JoinRequestForm
from accounts.models import InvitationStatus, JoinRequestStatus
from accounts.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_resend,
    invitation_revoke,
    invitation_state_message,
    invitee_problem,
)
from accounts.services.join_requests import (
    join_request_approve,
    join_request_create,
    join_request_decline,
)
from accounts.tenancy import organization_view
from accounts.views.members_page import INVITE_AUTO_ID, members_page
from mentorship.forms import apply_errors


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# The organization's admins -------------------------------------------------------------


@organization_view("accounts.manage_invitations")
@require_POST
def organization_invitation_create(request):
    form = InvitationForm(request.POST, auto_id=INVITE_AUTO_ID)
    if form.is_valid():
        try:
            invitation, _token = invitation_create(
                organization=request.organization, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email} as {invitation.get_role_display().lower()}."
                " It is listed below until they answer.",
            )
            return redirect("accounts:org-members", org=request.organization.slug)
    return members_page(request, invite_form=form, status=400)


@organization_view("accounts.manage_invitations")
@require_POST
def organization_invitation_resend(request, invitation):
    invitation = selectors.invitation_get(organization=request.organization, public_id=invitation)
    try:
        invitation, _token = invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            f"Invitation sent again to {invitation.email}; the new link works until "
            f"{invitation.expires_at:%d %B %Y} and the old one no longer does.",
        )
    return redirect("accounts:org-members", org=request.organization.slug)


@organization_view("accounts.manage_invitations")
@require_POST
def organization_invitation_revoke(request, invitation):
    invitation = selectors.invitation_get(organization=request.organization, public_id=invitation)
    try:
        invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"Invitation to {invitation.email} revoked; its link is dead.")
    return redirect("accounts:org-members", org=request.organization.slug)


@organization_view("accounts.decide_join_requests")
@require_POST
def organization_join_request_approve(request, join_request):
    join_request = selectors.join_request_get(
        organization=request.organization, public_id=join_request
    )
    try:
        join_request_approve(join_request=join_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{join_request.user.email} is now a mentor.")
    return redirect("accounts:org-members", org=request.organization.slug)


@organization_view("accounts.decide_join_requests")
@require_POST
def organization_join_request_decline(request, join_request):
    join_request = selectors.join_request_get(
        organization=request.organization, public_id=join_request
    )
    form = JoinRequestDeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the reason under 1000 characters.")
    else:
        try:
            join_request_decline(
                join_request=join_request, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, f"Request of {join_request.user.email} declined; they were told by email."
            )
    return redirect("accounts:org-members", org=request.organization.slug)


# The invited person --------------------------------------------------------------------


def invitation(request, token):
    """The link in the invitation email. Anyone holding it sees what it is for; only the
    invited address, signed in and verified, can answer it."""
    invitation = selectors.invitation_for_token(token=token)
    context = {"invitation": invitation, "token": token, "problem": None, "closed": None}
    if invitation.state != InvitationStatus.PENDING:
        context["closed"] = invitation_state_message(invitation)
    elif request.user.is_authenticated:
        context["problem"] = invitee_problem(invitation=invitation, user=request.user)
    return render(request, "accounts/invitations/invitation.html", context)


def _answer(request, invitation, accept: bool, back):
    try:
        if accept:
            membership = invitation_accept(invitation=invitation, user=request.user)
        else:
            invitation_decline(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return back
    if accept:
        organization = membership.organization
        messages.success(
            request,
            f"Welcome to {organization.name}: you are now "
            f"a {membership.get_role_display().lower()}.",
        )
        return redirect("accounts:org-home", org=organization.slug)
    messages.success(request, f"You declined the invitation to {invitation.organization.name}.")
    return redirect("accounts:organizations")


@login_required
@require_POST
def invitation_accept_view(request, token):
    invitation = selectors.invitation_for_token(token=token)
    return _answer(request, invitation, True, redirect("accounts:invitation", token=token))


@login_required
@require_POST
def invitation_decline_view(request, token):
    invitation = selectors.invitation_for_token(token=token)
    return _answer(request, invitation, False, redirect("accounts:invitation", token=token))


@login_required
@require_POST
def my_invitation_accept(request, invitation):
    invitation = selectors.user_invitation_get(user=request.user, public_id=invitation)
    return _answer(request, invitation, True, redirect("accounts:organizations"))


@login_required
@require_POST
def my_invitation_decline(request, invitation):
    invitation = selectors.user_invitation_get(user=request.user, public_id=invitation)
    return _answer(request, invitation, False, redirect("accounts:organizations"))


# Organizations anyone can see, and asking to join -------------------------------------


def organizations(request):
    context = {"organizations": selectors.public_organizations()}
    if request.user.is_authenticated:
        join_requests = selectors.user_join_requests(user=request.user)
        pending = {
            r.organization_id for r in join_requests if r.status == JoinRequestStatus.PENDING
        }
        context.update(
            {
                "roles": selectors.user_roles(request.user),
                "pending_request_orgs": pending,
                "join_requests": join_requests,
                "my_invitations": selectors.user_pending_invitations(user=request.user),
            }
        )
    return render(request, "accounts/invitations/organizations.html", context)


@login_required
def join_request_new(request, org):
    organization = selectors.public_organization_get(slug=org)
    form = JoinRequestForm()
    if request.method == "POST":
        form = JoinRequestForm(request.POST)
        if form.is_valid():
            try:
                join_request_create(
                    organization=organization,
                    user=request.user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Your request to join {organization.name} was sent to its admins. "
                    "You will get an email when they answer.",
                )
                return redirect("accounts:organizations")
    return render(
        request,
        "accounts/invitations/join.html",
        {
            "organization": organization,
            "form": form,
            "role": selectors.user_roles(request.user).get(organization.pk),
        },
        status=400 if form.errors else 200,
    )
