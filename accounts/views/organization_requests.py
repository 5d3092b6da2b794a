"""Asking for a new organization (/organizations/request/) and the staff queue that
answers (/staff/organization-requests/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts import selectors
from accounts.forms import (
    OrganizationRequestApproveForm,
    OrganizationRequestDeclineForm,
    OrganizationRequestForm,
)
from accounts.models import OrganizationRequestStatus
from accounts.services.organization_requests import (
    organization_request_approve,
    organization_request_create,
    organization_request_decline,
    suggested_slug,
)
from accounts.tenancy import staff_view
from mentorship.forms import apply_errors


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
            "requests": selectors.user_organization_requests(user=request.user),
        },
        status=400 if form.errors else 200,
    )


@staff_view
def staff_organization_requests(request):
    return render(
        request,
        "accounts/invitations/staff_organization_requests.html",
        {
            "pending": selectors.staff_pending_organization_requests(),
            "decided": selectors.staff_organization_requests()
            .exclude(status=OrganizationRequestStatus.PENDING)
            .order_by("-decided_at", "-id")[:20],
        },
    )


@staff_view
def staff_organization_request(request, organization_request):
    organization_request = selectors.staff_organization_request_get(public_id=organization_request)
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
