"""Pages: a graduate's profile and consent (/me/graduate/), the requests they received,
the employer directory (/employers/), public graduates (/graduates/), employer requests for
staff (/staff/employers/) and a mentor's endorsement (/me/endorse/<mentorship>/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import staff_view
from core.forms import apply_errors
from mentorship.graduates import selectors
from mentorship.graduates.forms import (
    DeclineForm,
    DirectoryForm,
    EmployerRequestForm,
    EndorsementForm,
    InterestForm,
    InviteForm,
    ProfileForm,
    ReportForm,
)
from mentorship.graduates.models import EmployerInvitation, Endorsement, InterestStatus
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import endorsements as endorsements_services
from mentorship.graduates.services import interests as interests_services
from mentorship.graduates.services import profiles as profiles_services

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


# --- the graduate ---------------------------------------------------------------------------


@login_required
def my_profile(request):
    if not request.user.has_perm("mentorship.keep_graduate_profile"):
        return render(request, "mentorship/graduates/not_graduate.html", status=200)
    profile = selectors.profile_of(user=request.user)
    initial = {} if profile else {"display_name": request.user.name}
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "save" and form.is_valid():
        try:
            profile = profiles_services.profile_save(
                user=request.user,
                **{f: form.cleaned_data[f] for f in profiles_services.PROFILE_FIELDS},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Profile saved. "
                + (
                    "It is shown with these changes."
                    if profile.is_published
                    else "Nobody sees it until you publish it."
                ),
            )
            return redirect("mentorship:me-graduate-profile")
    elif action in ("publish", "withdraw") and profile is not None:
        if action == "publish":
            try:
                profiles_services.profile_publish(profile=profile, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    "Your profile is published: "
                    + profile.get_visibility_display().lower()
                    + " can see it.",
                )
        else:
            profiles_services.profile_withdraw(profile=profile, actor=request.user)
            messages.success(request, "Your profile is withdrawn: nobody can find it any more.")
        return redirect("mentorship:me-graduate-profile")
    elif action in ("endorsement-accept", "endorsement-remove"):
        endorsement = selectors.endorsement_for_graduate_get(
            user=request.user, public_id=_uuid(request.POST.get("endorsement"))
        )
        endorsements_services.endorsement_accept(
            endorsement=endorsement, actor=request.user, accept=action == "endorsement-accept"
        )
        messages.success(
            request,
            "Endorsement accepted: it shows on your profile."
            if action == "endorsement-accept"
            else "Endorsement removed.",
        )
        return redirect("mentorship:me-graduate-profile")
    return render(
        request,
        "mentorship/graduates/my_profile.html",
        {
            "form": form,
            "profile": profile,
            "certificates": selectors.graduate_certificates(user=request.user),
            "endorsements": Endorsement.objects.filter(graduate=request.user),
        },
    )


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404() from None


@login_required
def my_interests(request):
    profile = selectors.profile_of(user=request.user)
    if profile is None:
        raise Http404()
    return render(
        request,
        "mentorship/graduates/my_interests.html",
        {
            "profile": profile,
            "interests": selectors.graduate_interests(profile=profile)[:200],
            "report_form": ReportForm(),
        },
    )


@login_required
@require_POST
def my_interest(request, interest):
    interest = selectors.graduate_interest_get(user=request.user, public_id=interest)
    action = request.POST.get("action")
    try:
        if action in ("accept", "decline"):
            interests_services.interest_answer(
                interest=interest, actor=request.user, accept=action == "accept"
            )
            messages.success(
                request,
                f"{interest.employer.name} now sees your email address."
                if action == "accept"
                else f"{interest.employer.name} reads “not now”.",
            )
        elif action == "block":
            interests_services.employer_block(
                profile=interest.profile, employer=interest.employer, actor=request.user
            )
            messages.success(request, f"{interest.employer.name} can no longer find or reach you.")
        elif action == "report":
            form = ReportForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Say what was wrong, in at most 2000 characters.")
            else:
                interests_services.interest_report(
                    interest=interest, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, "Reported to platform staff. Thank you.")
        else:
            raise Http404()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mentorship:me-graduate-interests")


@login_required
def endorse(request, mentorship):
    form = EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endorsements_services.endorsement_write(
                mentor=request.user, mentorship_public_id=mentorship, **form.cleaned_data
            )
        except PermissionDenied:
            raise Http404() from None
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Endorsement sent; it shows once the graduate accepts it.")
            return redirect("home")
    elif (
        endorsements_services._graduated_mentorship(mentor=request.user, public_id=mentorship)
        is None
    ):
        raise Http404()
    return render(request, "mentorship/graduates/endorse.html", {"form": form})


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
