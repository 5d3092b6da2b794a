import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.tenancy import organization_view
from applications.review.filters import ApplicantFilterSet
from applications.review.selectors import access as selectors
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.selectors import progress as selectors_progress
from applications.review.selectors.export import CSV_HEADER, applicant_csv_rows
from core import csv
from core.pagination import KeysetPage, keyset_page

PAGE_SIZE = 25
# A filtered list is counted up to this many applicants ("more than 100 found"): counting
# every match of a 50,000-applicant term cost more than the rest of the page.
COUNT_CAP = 100
# Country and skills show under the name (sort by country in the form): the table fits
# 1,280 px without scrolling sideways.
COLUMNS = [
    ("name", "Applicant"),
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


_SENTINEL = uuid.UUID(int=0)
ROW_URLS = {
    "applicant": "applications:review-applicant",
    "review": "applications:review-save",
    "conflict": "applications:review-conflict",
    "shortlist": "applications:review-shortlist",
}


def row_urls(organization, rows, names: dict[str, str] = ROW_URLS) -> None:
    """Sets `urls` on each row: {name: its URL}, each pattern reversed once for the page
    rather than once per row and link (reverse() was most of a page's rendering)."""
    patterns = {
        key: reverse(name, kwargs={"org": organization.slug, "application": _SENTINEL})
        for key, name in names.items()
    }
    sentinel = str(_SENTINEL)
    for row in rows:
        public_id = str(row.public_id)
        row.urls = {key: url.replace(sentinel, public_id) for key, url in patterns.items()}


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
    row_urls(request.organization, [application])
    return {
        "organization": request.organization,
        "term": context.term,
        "reviewer": context,
        "a": application,
        "rows": [application],
        "required": context.required_prerequisites,
    }


def _htmx_row(request, context, application, template="applications/review/_row.html"):
    """The redrawn row, with the progress bar out of band."""
    row = selectors_dashboard.term_applicant_row(context=context, application=application)
    data = _row_context(request, context, row)
    data["progress"] = selectors_progress.review_progress(term=context.term)
    data["oob"] = True
    return render(request, template, data)


def _cursor(request, name: str) -> str | None:
    """A page cursor from the query string: an applicant's public id, else nothing."""
    try:
        return str(uuid.UUID(request.GET.get(name, "")))
    except ValueError:
        return None


def applicants_page(request, context, filterset, select_related=()) -> KeysetPage:
    """The page of the filtered applicants the query string asks for: `after=` or
    `before=` an applicant (keyset pages: as fast deep in the list as at its start),
    `page=last`, else the first. Shared with the decisions page, which reads its rows
    with more related rows (`select_related`)."""
    # The FilterSet's own unfiltered list (term_applicants): building that queryset and
    # its columns again was a good part of a page view's Python.
    base = filterset.queryset
    # Unfiltered (sorted at most): the term's kept number of applicants.
    total = (
        None if filterset.narrows else selectors_dashboard.term_applicant_total(term=context.term)
    )
    return keyset_page(
        filterset.qs,
        count=total,
        count_cap=COUNT_CAP,
        keys=selectors_dashboard.applicants_order(filterset.sort_key),
        boundary=base,
        row_source=base.select_related(*select_related) if select_related else base,
        cursor_field="public_id",
        size=PAGE_SIZE,
        after=_cursor(request, "after"),
        before=_cursor(request, "before"),
        last=request.GET.get("page") == "last",
    )


@organization_view("applications.view_reviews")
def dashboard(request, term):
    context = selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    present = selectors_dashboard.term_applicant_countries(term=context.term)
    # Unbound without a query string: the form shows its initial values.
    filterset = ApplicantFilterSet(request.GET or None, context=context, countries_present=present)
    page = applicants_page(request, context, filterset)
    row_urls(request.organization, page.object_list)
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
    data["filters"] = filterset.inputs()
    return render(request, "applications/review/dashboard.html", data)


@organization_view("applications.view_reviews")
def dashboard_csv(request, term):
    context = selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    # Invalid filters are ignored, as on the page.
    filterset = ApplicantFilterSet(request.GET, context=context)
    return csv.csv_response(
        filename=f"applicants-term-{context.term.pk}.csv",
        header=CSV_HEADER,
        rows=applicant_csv_rows(context, filterset.qs),
        cells_final=True,
    )
