"""CSV of a term's filtered mentorships (the `.qs` of a MentorshipFilterSet). Built like
applications/review/export.py (one ordinary response, every row written before it is
returned); the two fold into core's CSV writer when it lands."""

import csv

from django.http import HttpResponse

CSV_HEADER = [
    "mentorship",
    "mentee",
    "email",
    "program",
    "mentors",
    "state",
    "standing",
    "starts",
    "midterm",
    "final",
    "ends",
    "extension weeks",
]


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def mentorship_csv_rows(mentorships):
    yield CSV_HEADER
    for m in mentorships:
        yield [
            str(m.public_id),
            _safe(m.mentee.name),
            m.mentee.email,
            _safe(m.term.program.name),
            _safe(", ".join(mm.user.name for mm in m.mentors.all())),
            m.state,
            m.standing,
            m.starts_at.isoformat(),
            m.midterm_at.isoformat(),
            m.final_at.isoformat(),
            m.ends_at.isoformat(),
            m.extension_weeks,
        ]


def mentorships_csv_response(mentorships, *, term_id: int) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    csv.writer(response).writerows(mentorship_csv_rows(mentorships))
    response["Content-Disposition"] = f'attachment; filename="mentorships-term-{term_id}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
