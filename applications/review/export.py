"""The reviewers' CSV export of the dashboard's filtered applicants: one writer for the
page's export (views/dashboard.py) and the API's (api.py)."""

import csv

from django.http import HttpResponse

from applications.review.selectors import dashboard as selectors_dashboard

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


def applicant_csv_rows(context, applicants):
    """The CSV of the filtered applicants (the `.qs` of an ApplicantFilterSet): the
    dashboard's columns, plus the notes the viewer may read. Shared by the page and the
    API."""
    applicants = list(selectors_dashboard.applicants_for_export(applicants))
    notes = selectors_dashboard.visible_notes(
        context=context, application_ids=[a["pk"] for a in applicants]
    )
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


def csv_response(context, applicants) -> HttpResponse:
    """The export as one ordinary response, not a streaming one: every row is written into
    it before it is returned (a thousand rows are a few hundred kilobytes)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    csv.writer(response).writerows(applicant_csv_rows(context, applicants))
    name = f"applicants-term-{context.term.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
