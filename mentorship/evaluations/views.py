from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view, owned_object
from core.forms import apply_errors
from mentorship.evaluations.forms import CorrectionForm, FeedbackForm, VerdictForm
from mentorship.evaluations.models import FeedbackKind
from mentorship.evaluations.selectors import evaluation_get
from mentorship.evaluations.services.feedback import feedback_submit
from mentorship.evaluations.services.verdicts import evaluation_correct, evaluation_verdict
from mentorship.mentorships import selectors as mentorships_selectors


def _evaluation(request, mentorship, evaluation):
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=request.organization, public_id=mentorship
    )
    evaluation = evaluation_get(
        organization=request.organization, mentorship=mentorship, public_id=evaluation
    )
    return mentorship, evaluation


def _back(request, mentorship):
    return redirect(
        "mentorship:org-mentorship", org=request.organization.slug, mentorship=mentorship.public_id
    )


@organization_view("mentorship.view_mentorships")
def evaluation_verdict_page(request, mentorship, evaluation):
    mentorship, evaluation = _evaluation(request, mentorship, evaluation)
    if not request.user.has_perm("mentorship.give_verdict", evaluation):
        raise PermissionDenied("Only a mentor of this mentorship or an admin gives verdicts.")
    form = VerdictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = evaluation_verdict(evaluation=evaluation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Verdict recorded: {row.get_verdict_display().lower()}.")
            return _back(request, mentorship)
    return render(
        request,
        "mentorship/evaluation_form.html",
        {
            "organization": request.organization,
            "mentorship": mentorship,
            "evaluation": evaluation,
            "form": form,
            "title": f"{evaluation.get_kind_display()} of {mentorship.mentee.name}",
            "button": "Record the verdict",
        },
    )


@organization_view("mentorship.view_mentorships")
def evaluation_correct_page(request, mentorship, evaluation):
    mentorship, evaluation = _evaluation(request, mentorship, evaluation)
    if not request.user.has_perm("mentorship.correct_verdict", evaluation):
        raise PermissionDenied("Only admins correct verdicts.")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_correct(evaluation=evaluation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The verdict is corrected; both are kept.")
            return _back(request, mentorship)
    return render(
        request,
        "mentorship/evaluation_form.html",
        {
            "organization": request.organization,
            "mentorship": mentorship,
            "evaluation": evaluation,
            "form": form,
            "title": f"Correct the {evaluation.get_kind_display().lower()} verdict",
            "button": "Correct the verdict",
        },
    )


@login_required
def my_feedback(request, mentorship, kind):
    if kind not in FeedbackKind.values:
        raise Http404()
    with owned_object(request, mentorships_selectors.person_mentorship_get, mentorship) as found:
        if found.mentee_id != request.user.pk:
            raise Http404()
        form = FeedbackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                feedback_submit(
                    mentorship=found, mentee=request.user, kind=kind, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Thank you: your feedback is recorded.")
                return redirect("mentorship:me-mentorship", mentorship=found.public_id)
        return render(
            request,
            "mentorship/feedback_form.html",
            {"mentorship": found, "form": form, "label": FeedbackKind(kind).label},
        )
