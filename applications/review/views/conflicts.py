from django.shortcuts import render

from accounts.tenancy import organization_view
from applications.review.selectors import applicant as selectors_applicant


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
