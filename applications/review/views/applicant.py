from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.people.selectors import mentee_profile_summary
from accounts.tenancy import organization_view
from applications.decisions.selectors import application_history_rows
from applications.decisions.views import controls_context as decision_controls_context
from applications.review.forms import ConflictForm, ReviewForm
from applications.review.selectors import access as selectors
from applications.review.selectors import applicant as selectors_applicant
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.services import application_shortlist, conflict_declare, review_save
from applications.review.views.dashboard import (
    _applicant_url,
    _flash,
    _htmx_row,
    _next_url,
    _row_context,
)
from core.forms import apply_errors
from core.uploads.services import file_response


def _applicant_context(request, application, context, **forms) -> dict:
    profile = getattr(application.applicant, "mentee_profile", None)
    conflicted = selectors.reviewer_has_conflict(request.user, application)
    reviews = selectors_applicant.application_reviews(application=application, context=context)
    mine = next((r for r in reviews if r.is_mine), None)
    return {
        "organization": request.organization,
        "term": context.term,
        "program": context.term.program,
        "reviewer": context,
        "application": application,
        "profile": profile and mentee_profile_summary(profile),
        "answers": selectors_applicant.application_answers(application=application),
        "reviews": reviews,
        "conflicted": conflicted,
        "conflicts": (
            list(selectors_applicant.application_conflicts(application=application))
            if context.can_view_conflicts
            else []
        ),
        "history": application_history_rows(application=application),
        "neighbours": selectors_applicant.applicant_neighbours(
            application=application, context=context
        ),
        "my_review": mine,
        "reviewable": application.state in selectors.REVIEWABLE_STATES,
        "review_form": forms.get("review_form") or ReviewForm(initial=ReviewForm.initial_for(mine)),
        "conflict_form": forms.get("conflict_form") or ConflictForm(),
        "next": request.GET.get("next", ""),
        # Accept / decline buttons of the decisions area, per the named permissions.
        **{
            key: value
            for key, value in decision_controls_context(request, application).items()
            if key in ("can_accept", "can_decline")
        },
    }


@organization_view("applications.view_reviews")
def applicant(request, application):
    application, context = selectors.review_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    return render(
        request,
        "applications/review/applicant.html",
        _applicant_context(request, application, context),
    )


@organization_view("applications.view_reviews")
def review(request, application):
    """GET: the inline review form of a dashboard row (HTMX) or the applicant page.
    POST: saves the viewer's review."""
    application, context = selectors.review_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    inline = request.htmx and (request.POST.get("inline") or request.GET.get("inline"))
    if request.method != "POST":
        if not inline:
            return redirect(_applicant_url(request.organization, application) + "#review")
        mine = selectors_applicant.my_review(application=application, user=request.user)
        data = _row_context(
            request,
            context,
            selectors_dashboard.term_applicant_row(context=context, application=application),
        )
        data["review_form"] = ReviewForm(initial=ReviewForm.initial_for(mine))
        return render(request, "applications/review/_row_review.html", data)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review_save(application=application, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if inline:
                return _htmx_row(request, context, application)
            messages.success(request, f"Your review of {application.applicant.name} is saved.")
            return redirect(_next_url(request, _applicant_url(request.organization, application)))
    if inline:
        data = _row_context(
            request,
            context,
            selectors_dashboard.term_applicant_row(context=context, application=application),
        )
        data["review_form"] = form
        return render(request, "applications/review/_row_review.html", data)
    return render(
        request,
        "applications/review/applicant.html",
        _applicant_context(request, application, context, review_form=form),
        status=400,
    )


@organization_view("applications.view_reviews")
def conflict(request, application):
    """GET: the inline conflict form (HTMX) or the applicant page. POST: declares it."""
    application, context = selectors.review_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    inline = request.htmx and (request.POST.get("inline") or request.GET.get("inline"))
    if request.method != "POST":
        if not inline:
            return redirect(_applicant_url(request.organization, application) + "#conflict")
        data = _row_context(
            request,
            context,
            selectors_dashboard.term_applicant_row(context=context, application=application),
        )
        data["conflict_form"] = ConflictForm()
        return render(request, "applications/review/_row_conflict.html", data)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            conflict_declare(application=application, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            application.viewer_conflicted = True
            if inline:
                return _htmx_row(request, context, application)
            messages.success(
                request,
                "Conflict of interest recorded. You no longer see this applicant's reviews and "
                "cannot review or decide on them; the admins can see your recusal.",
            )
            return redirect(_next_url(request, _applicant_url(request.organization, application)))
    if inline:
        data = _row_context(
            request,
            context,
            selectors_dashboard.term_applicant_row(context=context, application=application),
        )
        data["conflict_form"] = form
        return render(request, "applications/review/_row_conflict.html", data)
    return render(
        request,
        "applications/review/applicant.html",
        _applicant_context(request, application, context, conflict_form=form),
        status=400,
    )


@organization_view("applications.view_reviews")
@require_POST
def shortlist(request, application):
    application, context = selectors.review_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    if not context.can_shortlist:
        raise PermissionDenied("Your role cannot change the shortlist here.")
    wanted = request.POST.get("shortlisted") in ("1", "true", "on", "yes")
    try:
        application_shortlist(application=application, actor=request.user, shortlisted=wanted)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400)
        _flash(request, error)
    else:
        if request.htmx and request.POST.get("inline"):
            return _htmx_row(request, context, application)
        messages.success(
            request,
            f"{application.applicant.name} is {'on' if wanted else 'off'} the shortlist.",
        )
    return redirect(_next_url(request, _applicant_url(request.organization, application)))


@organization_view("applications.view_reviews")
def answer_file(request, application, answer):
    """A file an applicant uploaded for a prerequisite, for the term's reviewers."""
    application, _context = selectors.review_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    found = selectors_applicant.application_answer_get(application=application, pk=answer)
    # Read into memory (uploads are at most 5 MB) with the same protective headers as
    # core.uploads.services.file_response, so the response is a plain one like every page.
    streamed = file_response(found.file)
    try:
        response = HttpResponse(b"".join(streamed.streaming_content))
        for header, value in streamed.items():
            response[header] = value
    finally:
        # Not streamed.close(): that signals the end of the request (and closes the
        # database connection); only the file needs closing.
        streamed.file_to_stream.close()
    return response
