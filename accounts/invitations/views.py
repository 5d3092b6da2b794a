"""Pages of invitations and join requests: the admins' side on the members page, the
invitee's side at /invitations/<token>/, and asking to join from /organizations/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.invitations import selectors as invitations_selectors
from accounts.invitations.forms import (
    InvitationForm,
    JoinRequestDeclineForm,
    JoinRequestForm,
    OrganizationRequestApproveForm,
    OrganizationRequestDeclineForm,
    OrganizationRequestForm,
)
from accounts.invitations.models import (
    InvitationStatus,
    JoinRequestStatus,
    OrganizationRequestStatus,
)
from accounts.invitations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_resend,
    invitation_revoke,
    invitation_state_message,
    invitee_problem,
)
from accounts.invitations.services.join_requests import (
    join_request_approve,
    join_request_create,
    join_request_decline,
)
from accounts.invitations.services.organization_requests import (
    organization_request_approve,
    organization_request_create,
    organization_request_decline,
    suggested_slug,
)
from accounts.organizations import selectors
from accounts.organizations.views import INVITE_AUTO_ID, members_page
from accounts.tenancy import organization_view, staff_view
from core.forms import apply_errors


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


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
    invitation = invitations_selectors.invitation_get(
        organization=request.organization, public_id=invitation
    )
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
    invitation = invitations_selectors.invitation_get(
        organization=request.organization, public_id=invitation
    )
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
    join_request = invitations_selectors.join_request_get(
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
    join_request = invitations_selectors.join_request_get(
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


def invitation(request, token):
    """The link in the invitation email. Anyone holding it sees what it is for; only the
    invited address, signed in and verified, can answer it."""
    invitation = invitations_selectors.invitation_for_token(token=token)
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
        return redirect("programs:org-home", org=organization.slug)
    messages.success(request, f"You declined the invitation to {invitation.organization.name}.")
    return redirect("accounts:organizations")


@login_required
@require_POST
def invitation_accept_view(request, token):
    invitation = invitations_selectors.invitation_for_token(token=token)
    return _answer(request, invitation, True, redirect("accounts:invitation", token=token))


@login_required
@require_POST
def invitation_decline_view(request, token):
    invitation = invitations_selectors.invitation_for_token(token=token)
    return _answer(request, invitation, False, redirect("accounts:invitation", token=token))


@login_required
@require_POST
def my_invitation_accept(request, invitation):
    invitation = invitations_selectors.user_invitation_get(user=request.user, public_id=invitation)
    return _answer(request, invitation, True, redirect("accounts:organizations"))


@login_required
@require_POST
def my_invitation_decline(request, invitation):
    invitation = invitations_selectors.user_invitation_get(user=request.user, public_id=invitation)
    return _answer(request, invitation, False, redirect("accounts:organizations"))


def organizations(request):
    context = {"organizations": selectors.public_organizations()}
    if request.user.is_authenticated:
        join_requests = invitations_selectors.user_join_requests(user=request.user)
        pending = {
            r.organization_id for r in join_requests if r.status == JoinRequestStatus.PENDING
        }
        context.update(
            {
                "roles": selectors.user_roles(request.user),
                "pending_request_orgs": pending,
                "join_requests": join_requests,
                "my_invitations": invitations_selectors.user_pending_invitations(user=request.user),
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


@login_required
def organization_request_new(request):
    form = OrganizationRequestForm()
    if request.method == "POST":
        form = OrganizationRequestForm(request.POST)
        if form.is_valid():
            try:
                organization_request_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    "Your request was sent to platform staff. You will get an email when they "
                    "answer.",
                )
                return redirect("accounts:organization-request-new")
    return render(
        request,
        "accounts/invitations/organization_request_new.html",
        {
            "form": form,
            "requests": invitations_selectors.user_organization_requests(user=request.user),
        },
        status=400 if form.errors else 200,
    )


@staff_view
def staff_organization_requests(request):
    return render(
        request,
        "accounts/invitations/staff_organization_requests.html",
        {
            "pending": invitations_selectors.staff_pending_organization_requests(),
            "decided": invitations_selectors.staff_organization_requests()
            .exclude(status=OrganizationRequestStatus.PENDING)
            .order_by("-decided_at", "-id")[:20],
        },
    )


@staff_view
def staff_organization_request(request, organization_request):
    organization_request = invitations_selectors.staff_organization_request_get(
        public_id=organization_request
    )
    initial = {"name": organization_request.name, "slug": suggested_slug(organization_request.name)}
    approve_form = OrganizationRequestApproveForm(prefix="approve", initial=initial)
    decline_form = OrganizationRequestDeclineForm(prefix="decline")
    action = request.POST.get("action") if request.method == "POST" else None
    if action and organization_request.status != OrganizationRequestStatus.PENDING:
        messages.error(
            request,
            f"This request was already {organization_request.get_status_display().lower()}.",
        )
        return redirect(
            "accounts:staff-organization-request",
            organization_request=organization_request.public_id,
        )
    if action == "approve":
        approve_form = OrganizationRequestApproveForm(request.POST, prefix="approve")
        if approve_form.is_valid():
            try:
                organization = organization_request_approve(
                    organization_request=organization_request,
                    actor=request.user,
                    **approve_form.cleaned_data,
                )
            except ValidationError as error:
                organization_request.refresh_from_db()  # the service rolled back
                apply_errors(approve_form, error)
            else:
                messages.success(
                    request,
                    f"“{organization.name}” created; {organization_request.requested_by.email} "
                    "is its admin and was told by email.",
                )
                return redirect("accounts:staff-organization-requests")
    elif action == "decline":
        decline_form = OrganizationRequestDeclineForm(request.POST, prefix="decline")
        if decline_form.is_valid():
            try:
                organization_request_decline(
                    organization_request=organization_request,
                    actor=request.user,
                    reason=decline_form.cleaned_data["reason"],
                )
            except ValidationError as error:
                organization_request.refresh_from_db()
                apply_errors(decline_form, error)
            else:
                messages.success(request, "Request declined; the requester was told by email.")
                return redirect("accounts:staff-organization-requests")
    has_errors = bool(approve_form.errors or decline_form.errors)
    return render(
        request,
        "accounts/invitations/staff_organization_request.html",
        {
            "organization_request": organization_request,
            "approve_form": approve_form,
            "decline_form": decline_form,
        },
        status=400 if has_errors else 200,
    )
