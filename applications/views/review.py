"""Pages of the reviewers' dashboard under /o/<org>/review/.

Inline actions (score, conflict, shortlist) answer HTMX requests with the redrawn
dashboard row (and the progress bar, out of band); the same endpoints answer plain form
posts with a redirect, so everything works without JavaScript."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.profile_selectors import mentee_profile_summary
from accounts.tenancy import organization_view
from accounts.uploads import file_response
from applications.forms_review import (
    ApplicantFilterForm,
    ConflictForm,
    ReviewForm,
    SelectionSettingsForm,
)
from applications.selectors import review as selectors
from applications.selectors.history import application_history
from applications.services.review import (
    application_shortlist,
    conflict_declare,
    review_save,
    selection_settings_update,
)
from applications.views.decisions import controls_context as decision_controls_context
from mentorship.forms import apply_errors

PAGE_SIZE = 25
COLUMNS = [
    ("name", "Applicant"),
    ("country", "Country"),
    (None, "Skills"),
    ("prerequisites", "Prerequisites"),
    ("submitted", "Submitted"),
    ("score", "Average score"),
    ("reviews", "Reviews"),
    ("reviewed", "Reviewed by me"),
    ("shortlisted", "Shortlist"),
    ("other", "Other active applications"),
    ("state", "State"),
]


def _flash(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _dashboard_url(organization, term) -> str:
    return reverse(
        "applications:review-dashboard", kwargs={"org": organization.slug, "term": term.pk}
    )


def _applicant_url(organization, application) -> str:
    return reverse(
        "applications:review-applicant",
        kwargs={"org": organization.slug, "application": application.public_id},
    )


def _columns(sort: str) -> list[dict]:
    current, descending = sort.lstrip("-"), sort.startswith("-")
    columns = []
    for key, label in COLUMNS:
        column = {"key": key, "label": label, "aria_sort": None, "next": None}
        if key:
            if key == current:
                column["aria_sort"] = "descending" if descending else "ascending"
                column["next"] = key if descending else f"-{key}"
            else:
                column["next"] = f"-{key}" if key in ("score", "reviews", "submitted") else key
        columns.append(column)
    return columns


def _row_context(request, context, application) -> dict:
    return {
        "organization": request.organization,
        "term": context.term,
        "reviewer": context,
        "a": application,
        "required": context.required_prerequisites,
    }


def _htmx_row(request, context, application, template="applications/review/_row.html"):
    """The redrawn row, with the progress bar out of band."""
    row = selectors.term_applicant_row(context=context, application=application)
    data = _row_context(request, context, row)
    data["progress"] = selectors.review_progress(term=context.term)
    data["oob"] = True
    return render(request, template, data)


@organization_view("applications.view_reviews")
def dashboard(request, term):
    context = selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    present = selectors.term_applicant_countries(term=context.term)
    form = ApplicantFilterForm(request.GET or None, countries_present=present)
    filters = form.filters() if request.GET else ApplicantFilterForm({}).filters()
    applicants = selectors.term_applicants(context=context, filters=filters)
    page = Paginator(applicants, PAGE_SIZE).get_page(request.GET.get("page"))
    data = {
        "organization": request.organization,
        "term": context.term,
        "program": context.term.program,
        "reviewer": context,
        "form": form if request.GET else ApplicantFilterForm(countries_present=present),
        "page": page,
        "columns": _columns(filters.sort),
        "required": context.required_prerequisites,
        "progress": selectors.review_progress(term=context.term),
        "query": request.GET.urlencode(),
        "here": request.get_full_path(),
    }
    if request.htmx and request.htmx.target == "applicant-list":
        return render(request, "applications/review/_list.html", data)
    return render(request, "applications/review/dashboard.html", data)


CSV_HEADER = [
    "application",
    "name",
    "country",
    "skills",
    "prerequisites done",
    "prerequisites required",
    "submitted",
    "average score",
    "reviews",
    "not acceptable",
    "reviewed by me",
    "shortlisted",
    "other active applications",
    "state",
    "notes",
]


def applicant_csv_rows(context, filters):
    """The CSV of the filtered applicants: the dashboard's columns, plus the notes the
    viewer may read. Shared by the page and the API."""
    applicants = list(selectors.term_applicants_for_export(context=context, filters=filters))
    notes = selectors.visible_notes(context=context, application_ids=[a["pk"] for a in applicants])
    yield CSV_HEADER
    for a in applicants:
        conflicted = a["viewer_conflicted"]
        skills = a["applicant__mentee_profile__skills"] or []
        yield [
            str(a["public_id"]),
            a["applicant__display_name"] or a["applicant__email"].split("@")[0],
            a["applicant__mentee_profile__country"] or "",
            ", ".join(s.get("name", "") for s in skills if isinstance(s, dict)),
            a["prerequisites_done"],
            context.required_prerequisites,
            a["submitted_at"].isoformat() if a["submitted_at"] else "",
            "" if a["average_score"] is None else f"{a['average_score']:.2f}",
            "" if a["review_count"] is None else a["review_count"],
            "" if a["not_acceptable_count"] is None else a["not_acceptable_count"],
            "conflict" if conflicted else ("yes" if a["reviewed_by_me"] else "no"),
            "yes" if a["shortlisted"] else "no",
            a["other_active_applications"],
            a["state"],
            " | ".join(f"{who}: {text}" for who, text in notes.get(a["pk"], [])),
        ]


def csv_response(context, filters) -> HttpResponse:
    """The export as one response (a thousand rows are a few hundred kilobytes)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    csv.writer(response).writerows(applicant_csv_rows(context, filters))
    name = f"applicants-term-{context.term.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@organization_view("applications.view_reviews")
def dashboard_csv(request, term):
    context = selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    filters = ApplicantFilterForm(request.GET).filters()
    return csv_response(context, filters)


def _applicant_context(request, application, context, **forms) -> dict:
    profile = getattr(application.applicant, "mentee_profile", None)
    conflicted = selectors.reviewer_has_conflict(request.user, application)
    reviews = selectors.application_reviews(application=application, context=context)
    mine = next((r for r in reviews if r.is_mine), None)
    return {
        "organization": request.organization,
        "term": context.term,
        "program": context.term.program,
        "reviewer": context,
        "application": application,
        "profile": profile and mentee_profile_summary(profile),
        "answers": selectors.application_answers(application=application),
        "reviews": reviews,
        "conflicted": conflicted,
        "conflicts": (
            list(selectors.application_conflicts(application=application))
            if context.is_admin
            else []
        ),
        "history": application_history(application=application),
        "my_review": mine,
        "reviewable": application.state in selectors.REVIEWABLE_STATES,
        "review_form": forms.get("review_form") or ReviewForm(initial=ReviewForm.initial_for(mine)),
        "conflict_form": forms.get("conflict_form") or ConflictForm(),
        "next": request.GET.get("next", ""),
        # Accept / decline buttons of the decisions area, per the viewer's role.
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
        mine = selectors.my_review(application=application, user=request.user)
        data = _row_context(
            request, context, selectors.term_applicant_row(context=context, application=application)
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
            request, context, selectors.term_applicant_row(context=context, application=application)
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
            request, context, selectors.term_applicant_row(context=context, application=application)
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
            request, context, selectors.term_applicant_row(context=context, application=application)
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
    if not context.may_shortlist:
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
    found = selectors.application_answer_get(application=application, pk=answer)
    # Read into memory (uploads are at most 5 MB) with the same protective headers as
    # accounts.uploads.file_response, so the response is a plain one like every page.
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
            "conflicts": selectors.organization_conflicts(organization=request.organization),
        },
    )
