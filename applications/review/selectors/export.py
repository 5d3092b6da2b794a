"""The rows of the reviewers' CSV export of the dashboard's filtered applicants, for the
page's export (views/dashboard.py) and the API's (api.py); core.csv writes and streams
them."""

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet

from applications.review.models import Review
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.selectors.access import ReviewerContext

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
# Rows read from the server-side cursor at a time; each chunk costs one query for its notes.
CHUNK = 1000


def applicant_csv_rows(context: ReviewerContext, applicants: QuerySet) -> Iterator[list]:
    """The CSV rows of the filtered applicants (the `.qs` of an ApplicantFilterSet): the
    dashboard's columns, plus the notes the viewer may read. Call it inside the request
    (its querysets are built in the tenant scope at once); the rows are read lazily, in
    chunks of CHUNK through a server-side cursor, so memory does not grow with the list."""
    rows = selectors_dashboard.applicants_for_export(applicants).iterator(chunk_size=CHUNK)
    notes = selectors_dashboard.visible_notes_query(context=context)
    return _rows(context, rows, notes)


def _rows(context, rows, notes: QuerySet[Review]) -> Iterator[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        # No notes of applicants the viewer declared a conflict with.
        ids = [a["pk"] for a in chunk if not a["viewer_conflicted"]]
        found = selectors_dashboard.notes_of(notes, application_ids=ids)
        for a in chunk:
            yield _row(context, a, found.get(a["pk"], []))
        # Let this chunk go before the next is read: memory holds one chunk, not two.
        del chunk, found


def _row(context, a: dict, notes: list[tuple[str, str]]) -> list:
    skills = a["applicant__mentee_profile__skills"] or []
    return [
        str(a["public_id"]),
        a["applicant__display_name"] or a["applicant__email"].split("@")[0],
        a["applicant__mentee_profile__country"] or "",
        ", ".join(s.get("name", "") for s in skills if isinstance(s, dict)),
        a["prerequisites_done"],
        context.required_prerequisites,
        a["submitted_at"].isoformat() if a["submitted_at"] else "",
        "" if a["average_score"] is None else f"{a['average_score']:.2f}",
        a["review_count"],
        a["not_acceptable_count"],
        "conflict" if a["viewer_conflicted"] else ("yes" if a["reviewed_by_me"] else "no"),
        "yes" if a["shortlisted"] else "no",
        a["other_active_applications"],
        a["state"],
        " | ".join(f"{who}: {text}" for who, text in notes),
    ]
