from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts import selectors
from accounts.forms import MemberAddForm, MemberRoleForm
from accounts.logos import logo_response
from accounts.models import Organization
from accounts.models.membership import ROLE_DESCRIPTIONS
from accounts.services.memberships import membership_add, membership_change_role, membership_remove
from accounts.tenancy import organization_view
from accounts.views.members_page import members_page
from mentorship.forms import apply_errors
from programs.selectors import organization_dashboard


@organization_view("accounts.view_organization")
def organization_home(request):
    organization = request.organization
    return render(
        request,
        "accounts/organization_home.html",
        {
            "organization": organization,
            "members": selectors.organization_members(organization=organization),
            "roles": ROLE_DESCRIPTIONS.items(),
            "can_manage": request.user.has_perm("accounts.manage_members", organization),
            "dashboard": organization_dashboard(organization=organization),
            "can_manage_programs": request.user.has_perm("programs.manage_program", organization),
        },
    )


@organization_view("accounts.manage_members")
def organization_members(request):
    organization = request.organization
    form = MemberAddForm()
    if request.method == "POST":
        form = MemberAddForm(request.POST)
        if form.is_valid():
            try:
                membership = membership_add(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"{membership.user.email} is now a {membership.role}.")
                return redirect("accounts:org-members", org=organization.slug)
    return members_page(request, form=form)


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
