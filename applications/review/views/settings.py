from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view
from applications.review.forms import SelectionSettingsForm
from applications.review.selectors import access as selectors
from applications.review.selectors import applicant as selectors_applicant
from applications.review.services import selection_settings_update


@organization_view("applications.manage_selection_settings")
def selection_settings(request):
    organization = request.organization
    current = selectors.selection_settings_of(organization=organization)
    form = SelectionSettingsForm(initial={"mentors_may_shortlist": current.mentors_may_shortlist})
    if request.method == "POST":
        form = SelectionSettingsForm(request.POST)
        if form.is_valid():
            selection_settings_update(
                organization=organization, actor=request.user, **form.cleaned_data
            )
            messages.success(request, "Selection settings saved.")
            return redirect("applications:review-settings", org=organization.slug)
    return render(
        request,
        "applications/review/settings.html",
        {"organization": organization, "form": form},
    )


@organization_view("applications.view_conflicts")
def conflicts(request):
    return render(
        request,
        "applications/review/conflicts.html",
        {
            "organization": request.organization,
            "conflicts": selectors_applicant.organization_conflicts(
                organization=request.organization
            ),
        },
    )
