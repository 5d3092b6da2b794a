"""The person's own profiles (/me/profile/, /me/mentor-profile/), resume and demographics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.organizations import selectors as organizations_selectors
from accounts.people import selectors
from accounts.people.forms import (
    AccountForm,
    DemographicsForm,
    MenteeProfileForm,
    MentorProfileForm,
    ResumeForm,
    SkillFormSet,
)
from accounts.people.models import MenteeProfile, User
from accounts.people.services import (
    account_update,
    demographics_erase,
    demographics_set,
    mentee_profile_update,
    mentee_resume_remove,
    mentee_resume_set,
    mentor_profile_update,
)
from accounts.tenancy import staff_view
from core.forms import apply_errors
from core.uploads import services as uploads


def _render_profile(request, profile, *, form=None, skills=None, resume_form=None):
    form = form or MenteeProfileForm(instance=profile, user=request.user)
    skills = skills or SkillFormSet(prefix="skills", initial=profile.skills)
    return render(
        request,
        "accounts/profile.html",
        {
            "profile": profile,
            "form": form,
            "skills": skills,
            "resume_form": resume_form or ResumeForm(),
            "missing": selectors.profile_missing_for_applying(request.user, profile),
        },
    )


@login_required
def profile_edit(request):
    profile = selectors.mentee_profile_of(request.user)
    if request.method != "POST":
        return _render_profile(request, profile)
    # Forms validate against copies, so the service sees the values before the change.
    copy = MenteeProfile.objects.filter(pk=profile.pk).first() or MenteeProfile(user=request.user)
    form = MenteeProfileForm(request.POST, instance=copy, user=request.user)
    skills = SkillFormSet(request.POST, prefix="skills")
    if form.is_valid() and skills.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        data["skills"] = [s for s in skills.cleaned_data if s.get("name")]
        try:
            mentee_profile_update(
                user=User.objects.get(pk=request.user.pk),
                actor=request.user,
                adult_attested=data.pop("adult_attested"),
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("accounts:profile")
    return _render_profile(request, profile, form=form, skills=skills)


@login_required
@require_POST
def resume_upload(request):
    form = ResumeForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            mentee_resume_set(user=request.user, upload=form.cleaned_data["resume"])
        except ValidationError as error:
            apply_errors(form, ValidationError({"resume": error.messages}))
        else:
            messages.success(request, "Your resume is uploaded.")
            return redirect("accounts:profile")
    profile = selectors.mentee_profile_of(request.user)
    return _render_profile(request, profile, resume_form=form)


@login_required
@require_POST
def resume_remove(request):
    try:
        mentee_resume_remove(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your resume is removed.")
    return redirect("accounts:profile")


@login_required
def resume_download(request, profile):
    """The resume of a profile, for whoever `accounts.view_resume` allows; 404 otherwise."""
    found = selectors.resume_profile_for(user=request.user, profile_id=profile)
    return uploads.file_response(found.resume)


@login_required
def mentor_profile_edit(request):
    profile = selectors.mentor_profile_of(request.user)
    form = MentorProfileForm(instance=profile)
    if request.method == "POST":
        form = MentorProfileForm(request.POST, instance=selectors.mentor_profile_of(request.user))
        if form.is_valid():
            try:
                mentor_profile_update(user=request.user, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Your mentor profile is saved.")
                return redirect("accounts:mentor-profile")
    return render(request, "accounts/mentor_profile.html", {"form": form})


@login_required
def demographics_edit(request):
    answers = selectors.my_demographics(request.user)
    form = DemographicsForm(answers=answers)
    if request.method == "POST":
        form = DemographicsForm(request.POST, answers=answers)
        if form.is_valid():
            try:
                demographics_set(user=request.user, answers=form.answers())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Your answers are saved.")
                return redirect("accounts:demographics")
    return render(request, "accounts/demographics.html", {"form": form, "answered": bool(answers)})


@login_required
@require_POST
def demographics_erase_view(request):
    deleted = demographics_erase(user=request.user)
    if deleted:
        messages.success(request, "Your demographic answers are erased.")
    else:
        messages.info(request, "You had no demographic answers stored.")
    return redirect("accounts:demographics")


@staff_view
def staff_demographics(request):
    """Aggregate demographic counts for platform staff; small numbers are hidden."""
    return render(
        request,
        "accounts/staff_demographics.html",
        {
            "statistics": selectors.demographic_statistics(),
            "threshold": selectors.SMALL_NUMBER_THRESHOLD,
        },
    )


@login_required
def me_home(request):
    form = AccountForm(instance=request.user)
    if request.method == "POST":
        # The form validates against a copy, so the service sees the values before the change.
        form = AccountForm(request.POST, instance=User.objects.get(pk=request.user.pk))
        if form.is_valid():
            account_update(user=request.user, actor=request.user, **form.cleaned_data)
            messages.success(request, "Your account is saved.")
            return redirect("accounts:me")
    return render(
        request,
        "accounts/me.html",
        {"form": form, "memberships": organizations_selectors.user_memberships(user=request.user)},
    )
