"""The graduate's pages: their profile and consent (/me/graduate/), the interest requests
they received, and a mentor's endorsement (/me/endorse/<mentorship>/)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from mentorship.graduates import selectors
from mentorship.graduates.forms import (
    EndorsementForm,
    ProfileForm,
    ReportForm,
)
from mentorship.graduates.models import Endorsement
from mentorship.graduates.services import endorsements as endorsements_services
from mentorship.graduates.services import interests as interests_services
from mentorship.graduates.services import profiles as profiles_services


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
            "has_resume": selectors.has_resume(user=request.user),
        },
    )


def _uuid(value):
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
    elif selectors.endorsable_mentorship(mentor=request.user, public_id=mentorship) is None:
        raise Http404()
    return render(request, "mentorship/graduates/endorse.html", {"form": form})
