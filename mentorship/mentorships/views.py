from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view, owned_object
from applications.decisions import selectors
from applications.decisions.forms import (
    MentorshipEndForm,
)
from applications.decisions.models import OfferState
from core.forms import apply_errors
from mentorship.mentorships import selectors as mentorships_selectors
from mentorship.mentorships.services import mentorship_end
from mentorship.offers import selectors as offers_selectors


@organization_view("mentorship.view_mentorships")
def organization_mentorships(request):
    return render(
        request,
        "applications/decisions/org_mentorships.html",
        {
            "organization": request.organization,
            "mentorships": mentorships_selectors.organization_mentorships(
                user=request.user, organization=request.organization
            ),
        },
    )


@organization_view("mentorship.view_mentorships")
def organization_mentorship(request, mentorship):
    organization = request.organization
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=organization, public_id=mentorship
    )
    can_end = request.user.has_perm("mentorship.end_mentorship", organization)
    can_see_history = request.user.has_perm("applications.view_application_history", organization)
    form = MentorshipEndForm()
    if request.method == "POST":
        if not can_end:
            raise PermissionDenied("Only admins end mentorships.")
        form = MentorshipEndForm(request.POST)
        if form.is_valid():
            try:
                mentorship_end(mentorship=mentorship, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "The mentorship is ended.")
                return redirect(
                    "mentorship:org-mentorship",
                    org=organization.slug,
                    mentorship=mentorship.public_id,
                )
    return render(
        request,
        "applications/decisions/org_mentorship.html",
        {
            "organization": organization,
            "mentorship": mentorship,
            "form": form,
            "can_end": can_end and mentorship.state == "active",
            "history": selectors.history_events(organization=organization, obj=mentorship)
            if can_see_history
            else None,
        },
    )


@login_required
def my_mentorships(request):
    return render(
        request,
        "applications/decisions/my_mentorships.html",
        {
            "offers": [
                o
                for o in offers_selectors.mentee_offers(user=request.user)
                if o.state == OfferState.PENDING
            ],
            "mentorships": mentorships_selectors.person_mentorships(user=request.user),
        },
    )


@login_required
def my_mentorship(request, mentorship):
    with owned_object(request, mentorships_selectors.person_mentorship_get, mentorship) as found:
        return render(request, "applications/decisions/my_mentorship.html", {"mentorship": found})
