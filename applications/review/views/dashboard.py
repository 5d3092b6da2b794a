from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.tenancy import organization_view
from applications.review.export import csv_response
from applications.review.filters import ApplicantFilterSet
from applications.review.selectors import access as selectors
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.selectors import progress as selectors_progress

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
    row = selectors_dashboard.term_applicant_row(context=context, application=application)
    data = _row_context(request, context, row)
    data["progress"] = selectors_progress.review_progress(term=context.term)
    data["oob"] = True
    return render(request, template, data)


@organization_view("applications.view_reviews")
def dashboard(request, term):
    context = selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    present = selectors_dashboard.term_applicant_countries(term=context.term)
    # Unbound without a query string: the form shows its initial values.
    filterset = ApplicantFilterSet(request.GET or None, context=context, countries_present=present)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    data = {
        "organization": request.organization,
        "term": context.term,
        "program": context.term.program,
        "reviewer": context,
        "filterset": filterset,
        "page": page,
        "columns": _columns(filterset.sort_key),
        "required": context.required_prerequisites,
        "progress": selectors_progress.review_progress(term=context.term),
        "query": request.GET.urlencode(),
        "here": request.get_full_path(),
    }
    if request.htmx and request.htmx.target == "applicant-list":
        return render(request, "applications/review/_list.html", data)
    return render(request, "applications/review/dashboard.html", data)


@organization_view("applications.view_reviews")
def dashboard_csv(request, term):
    context = selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    # Invalid filters are ignored, as on the page.
    filterset = ApplicantFilterSet(request.GET, context=context)
    return csv_response(context, filterset.qs)
