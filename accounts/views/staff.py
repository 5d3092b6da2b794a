from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from accounts import selectors
from accounts.forms import OrganizationEditForm, OrganizationForm
from accounts.models import Organization
from accounts.services.organizations import organization_create, organization_update
from accounts.tenancy import staff_view
from mentorship.forms import apply_errors


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
