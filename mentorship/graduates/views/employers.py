"""Employer pages: the directory (/employers/), a profile, interest requests, colleagues;
public graduates (/graduates/) and employer requests for staff (/staff/employers/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.tenancy import staff_view
from core.forms import apply_errors
from mentorship.graduates import selectors
from mentorship.graduates.forms import (
    DeclineForm,
    DirectoryForm,
    EmployerRequestForm,
    InterestForm,
    InviteForm,
)
from mentorship.graduates.models import EmployerInvitation, InterestStatus
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import interests as interests_services

PAGE_SIZE = selectors.PAGE_SIZE


def _page(request, queryset):
    """A page of 25 by number, read with one query (26 rows tell whether more follow)."""
    try:
        number = max(1, min(int(request.GET.get("page", 1)), 400))
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE + 1])
    return {
        "rows": rows[:PAGE_SIZE],
        "number": number,
        "has_next": len(rows) > PAGE_SIZE,
        "has_previous": number > 1,
    }


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- employers ------------------------------------------------------------------------------


def _directory_context(request, employer):
    form = DirectoryForm(request.GET or None)
    arguments = form.search_arguments()
    page = _page(request, selectors.directory_search(employer=employer, **arguments))
    return {"form": form, "page": page, "query": _query_without_page(request)}


@login_required
def directory(request):
    employer = selectors.approved_employer_of(user=request.user)
    if employer is None:
        return render(
            request,
            "mentorship/graduates/employer_status.html",
            {"employer": selectors.employer_of(user=request.user)},
        )
    context = _directory_context(request, employer)
    context["employer"] = employer
    return render(request, "mentorship/graduates/directory.html", context)


@login_required
def employer_request(request):
    if selectors.employer_of(user=request.user) is not None:
        return redirect("mentorship:employer-directory")
    form = EmployerRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employers_services.employer_request_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Request sent. Platform staff will answer by email.")
            return redirect("mentorship:employer-directory")
    return render(request, "mentorship/graduates/employer_request.html", {"form": form})


def _approved_employer(request):
    employer = selectors.approved_employer_of(user=request.user)
    if employer is None:
        raise Http404()
    return employer


@login_required
def employer_profile(request, profile):
    employer = _approved_employer(request)
    profile = selectors.profile_visible_get(employer=employer, public_id=profile)
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interests_services.interest_send(
                employer=employer,
                actor=request.user,
                profile=profile,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"Sent. {profile.display_name} was told by email and will answer."
            )
            return redirect("mentorship:employer-interests")
    return render(
        request,
        "mentorship/graduates/profile.html",
        {
            "profile": profile,
            "endorsements": selectors.accepted_endorsements(profile=profile),
            "form": form,
            "employer": employer,
            "resume_id": selectors.shown_resume_id(profile=profile, employer=employer),
        },
    )


@login_required
def employer_interests(request):
    employer = _approved_employer(request)
    return render(
        request,
        "mentorship/graduates/employer_interests.html",
        {
            "interests": selectors.employer_interests(employer=employer)[:200],
            "accepted": InterestStatus.ACCEPTED,
        },
    )


@login_required
def employer_colleagues(request):
    employer = _approved_employer(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employers_services.employer_invite(
                employer=employer, actor=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("mentorship:employer-colleagues")
    return render(
        request,
        "mentorship/graduates/employer_colleagues.html",
        {
            "employer": employer,
            "members": employer.members.select_related("user"),
            "invitations": employer.invitations.filter(accepted_at__isnull=True),
            "form": form,
        },
    )


@login_required
def employer_join(request, invitation):
    invitation = (
        EmployerInvitation.objects.filter(public_id=invitation, accepted_at__isnull=True)
        .select_related("employer")
        .first()
    )
    if invitation is None or invitation.email.lower() != request.user.email.lower():
        raise Http404()
    if request.method == "POST":
        try:
            employers_services.employer_invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"You now act for {invitation.employer.name}.")
            return redirect("mentorship:employer-directory")
    return render(request, "mentorship/graduates/employer_join.html", {"invitation": invitation})


# --- public graduates -----------------------------------------------------------------------


def public_graduates(request):
    context = _directory_context(request, None)
    return render(request, "mentorship/graduates/public.html", context)


def public_graduate(request, profile):
    profile = selectors.profile_visible_get(employer=None, public_id=profile)
    return render(
        request,
        "mentorship/graduates/profile.html",
        {"profile": profile, "endorsements": selectors.accepted_endorsements(profile=profile)},
    )


# --- staff ----------------------------------------------------------------------------------


@staff_view
def staff_employers(request):
    return render(
        request,
        "mentorship/graduates/staff_employers.html",
        {"employers": selectors.pending_employers()},
    )


@staff_view
def staff_employer(request, employer):
    employer = selectors.staff_employer_get(public_id=employer)
    decline_form = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "approve":
            employers_services.employer_approve(employer=employer, actor=request.user)
            messages.success(request, f"{employer.name} is approved and was told by email.")
            return redirect("mentorship:staff-employers")
        if action == "decline" and decline_form.is_valid():
            employers_services.employer_decline(
                employer=employer, actor=request.user, reason=decline_form.cleaned_data["reason"]
            )
            messages.success(request, f"{employer.name} is declined and was told why.")
            return redirect("mentorship:staff-employers")
    except ValidationError as error:
        if action == "decline":
            apply_errors(decline_form, error)
        else:
            messages.error(request, " ".join(error.messages))
    reported = employer.interests.filter(reported_at__isnull=False).select_related("profile")
    return render(
        request,
        "mentorship/graduates/staff_employer.html",
        {"employer": employer, "decline_form": decline_form, "reported": reported},
    )
