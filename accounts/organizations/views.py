"""The organization's members page: members, pending invitations and join requests. Shared
by the views that post to it and show their form errors in place."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.invitations import selectors as invitations_selectors
from accounts.invitations.forms import InvitationForm, JoinRequestDeclineForm
from accounts.organizations import selectors
from accounts.organizations.forms import (
    MemberRoleForm,
    OrganizationEditForm,
    OrganizationForm,
    OrganizationPolicyForm,
)
from accounts.organizations.models import Organization
from accounts.organizations.services import (
    membership_change_role,
    membership_remove,
    organization_create,
    organization_policy_update,
    organization_update,
)
from accounts.tenancy import organization_view, staff_view
from core.forms import apply_errors
from core.uploads.logos import logo_response


@organization_view("accounts.manage_policy")
def organization_policy(request):
    """What the organization lets its mentors do (shortlist, decline), for admins."""
    organization = request.organization
    form = OrganizationPolicyForm(instance=request.viewer.policy)
    if request.method == "POST":
        form = OrganizationPolicyForm(request.POST)
        if form.is_valid():
            organization_policy_update(
                organization=organization, actor=request.user, **form.cleaned_data
            )
            messages.success(request, "Policy saved.")
            return redirect("accounts:org-policy", org=organization.slug)
    return render(
        request, "accounts/organization_policy.html", {"organization": organization, "form": form}
    )


@organization_view("accounts.manage_members")
@require_GET
def organization_members(request):
    """Nobody is added directly: a person becomes a member by accepting an invitation (the
    form on this page posts to accounts:org-invitation-create), so nobody gets a role without
    consenting, and the answer never tells whether an account uses the address."""
    return members_page(request)


@organization_view("accounts.manage_members")
@require_POST
def organization_member_role(request, member):
    membership = selectors.membership_get(organization=request.organization, pk=member)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role from the list.")
    else:
        try:
            membership_change_role(
                membership=membership, actor=request.user, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{membership.user.email} is now a {membership.role}.")
    return redirect("accounts:org-members", org=request.organization.slug)


@organization_view("accounts.manage_members")
@require_POST
def organization_member_remove(request, member):
    membership = selectors.membership_get(organization=request.organization, pk=member)
    try:
        membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{membership.user.email} is no longer a member.")
    return redirect("accounts:org-members", org=request.organization.slug)


@require_GET
def organization_logo(request, org):
    """An organization's logo: public, like the list of organizations."""
    organization = get_object_or_404(Organization, slug=org)
    if not organization.logo:
        raise Http404("This organization has no logo.")
    return logo_response(
        organization.logo,
        organization.logo_content_type,
        filename=f"{organization.slug}-logo",
        public=True,
    )


# The add-member form on the same page has the same field names: distinct ids keep labels right.
INVITE_AUTO_ID = "invite_%s"


def members_page(request, *, invite_form=None, status=200):
    organization = request.organization
    return render(
        request,
        "accounts/organization_members.html",
        {
            "organization": organization,
            "members": selectors.organization_members(organization=organization),
            "role_form": MemberRoleForm(),
            "invite_form": invite_form or InvitationForm(auto_id=INVITE_AUTO_ID),
            "invitations": invitations_selectors.organization_pending_invitations(
                organization=organization
            ),
            "join_requests": invitations_selectors.organization_pending_join_requests(
                organization=organization
            ),
            "decline_form": JoinRequestDeclineForm(),
        },
        status=status,
    )


@staff_view
def staff_home(request):
    return render(request, "accounts/staff_home.html")


@staff_view
def staff_organizations(request):
    form = OrganizationForm()
    if request.method == "POST":
        form = OrganizationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                organization = organization_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"Organization “{organization.name}” created.")
                return redirect("accounts:staff-organizations")
    return render(
        request,
        "accounts/staff_organizations.html",
        {"form": form, "organizations": selectors.staff_organizations()},
    )


@staff_view
def staff_organization_edit(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    form = OrganizationEditForm(instance=organization)
    if request.method == "POST":
        form = OrganizationEditForm(
            request.POST, request.FILES, instance=Organization.objects.get(pk=organization.pk)
        )
        if form.is_valid():
            try:
                organization_update(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Saved.")
                return redirect("accounts:staff-organizations")
    return render(
        request,
        "accounts/staff_organization_edit.html",
        {"form": form, "organization": organization},
    )
