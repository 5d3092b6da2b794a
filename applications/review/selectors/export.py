"""The rows of the reviewers' CSV export of the dashboard's filtered applicants, for the
page's export (views/dashboard.py) and the API's (api.py); core.csv writes and streams
them."""

from collections.abc import Iterator
from itertools import islice

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, transaction
from django.db.models import (
    Case,
    F,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from applications.review.models import Review
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.selectors.access import ReviewerContext
from core.csv import Neutralized, cell

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
# Rows read from the server-side cursor at a time; each chunk costs one query for its notes
# (elsewhere than on PostgreSQL, which writes the notes into the rows' own query).
CHUNK = 500


def applicant_csv_rows(context: ReviewerContext, applicants: QuerySet) -> Iterator[list]:
    """The CSV rows of the filtered applicants (the `.qs` of an ApplicantFilterSet): the
    dashboard's columns, plus the notes the viewer may read, as final cells (text
    neutralized against formulas: `csv_response(..., cells_final=True)`). Call it inside the request
    (its querysets are built in the tenant scope at once); the rows are read lazily, in
    chunks of CHUNK through a server-side cursor, so memory does not grow with the list."""
    notes = selectors_dashboard.visible_notes_query(context=context)
    if connection.vendor == "postgresql":
        return _streamed(_cells_in_sql(context, applicants, notes))
    rows = selectors_dashboard.applicants_for_export(applicants).iterator(chunk_size=CHUNK)
    return ([cell(value) for value in row] for row in _rows(context, rows, notes))


# --- PostgreSQL: every cell is written by the query, one query whatever the size ---------


class _SkillNames(Func):
    """The names of a profile's skills, joined by ", " in their order (an entry that is
    not an object is left out; one without a name counts as "")."""

    template = (
        "(SELECT string_agg(COALESCE(e->>'name', ''), ', ' ORDER BY o) "
        "FROM jsonb_array_elements(CASE WHEN jsonb_typeof(%(expressions)s) = 'array' "
        "THEN %(expressions)s ELSE '[]'::jsonb END) WITH ORDINALITY AS s(e, o) "
        "WHERE jsonb_typeof(e) = 'object')"
    )
    output_field = TextField()


class _IsoUtc(Func):
    """A timestamp as Python's isoformat() of it in UTC (what the export wrote before):
    2026-03-01T12:00:00+00:00, with .ffffff when it has microseconds."""

    template = (
        "(to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        "CASE WHEN to_char(%(expressions)s AT TIME ZONE 'UTC', 'US') = '000000' "
        "THEN '' ELSE to_char(%(expressions)s AT TIME ZONE 'UTC', '.US') END || '+00:00')"
    )
    output_field = TextField()


def _text(value) -> Value:
    return Value(value, output_field=TextField())


def _cells_in_sql(context: ReviewerContext, applicants: QuerySet, notes: QuerySet[Review]):
    """The rows as lists of finished cells, each written by PostgreSQL: no conversion per
    value in Python, and the notes as one correlated string_agg per row (the review's
    application index) rather than one query per chunk of rows."""
    reviewer_name = Coalesce(
        NullIf(F("reviewer__display_name"), _text("")),
        Func(F("reviewer__email"), _text("@"), Value(1), function="split_part"),
        output_field=TextField(),
    )
    note = Concat(reviewer_name, _text(": "), F("notes"), output_field=TextField())
    joined = (
        notes.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(text=StringAgg(note, delimiter=" | ", order_by=("created_at", "pk")))
        .values("text")
    )
    return applicants.values_list(
        Cast("public_id", TextField()),
        Neutralized(
            Coalesce(
                NullIf(F("applicant__display_name"), _text("")),
                Func(F("applicant__email"), _text("@"), Value(1), function="split_part"),
                output_field=TextField(),
            )
        ),
        Neutralized(
            Coalesce(F("applicant__mentee_profile__country"), _text(""), output_field=TextField())
        ),
        Neutralized(Coalesce(_SkillNames(F("applicant__mentee_profile__skills")), _text(""))),
        "prerequisites_done",
        Value(context.required_prerequisites),
        Coalesce(_IsoUtc(F("submitted_at")), _text("")),
        Coalesce(Cast("average_score", TextField()), _text("")),
        "review_count",
        "not_acceptable_count",
        Case(
            When(viewer_conflicted=True, then=_text("conflict")),
            When(reviewed_by_me=True, then=_text("yes")),
            default=_text("no"),
            output_field=TextField(),
        ),
        Case(
            When(shortlisted=True, then=_text("yes")), default=_text("no"), output_field=TextField()
        ),
        "other_active_applications",
        Cast("state", TextField()),
        Case(
            When(viewer_conflicted=True, then=_text("")),
            default=Neutralized(Coalesce(Subquery(joined, output_field=TextField()), _text(""))),
            output_field=TextField(),
        ),
    )


def _streamed(queryset: QuerySet) -> Iterator[tuple]:
    """The rows as PostgreSQL computes them. In a (read-only) transaction the server-side
    cursor is a plain one, read as the rows are found, along the order's index where there
    is one: outside, Django declares it WITH HOLD, which runs the whole query (and its
    sort) before the first row leaves. The cells are final; core.csv only neutralizes the
    text ones."""
    with transaction.atomic():
        yield from queryset.iterator(chunk_size=CHUNK)


# --- elsewhere (the embedded SQLite default) ----------------------------------------------


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
