"""CSV of a term's filtered mentorships (the `.qs` of a MentorshipFilterSet), written by
core's one CSV writer: streamed with a server-side cursor, formula cells neutralized."""

from django.http import StreamingHttpResponse

from core import csv

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
CHUNK = 1000  # rows read per round trip (their mentors are prefetched per chunk)


def mentorship_csv_rows(mentorships):
    for m in mentorships.iterator(chunk_size=CHUNK):
        yield [
            str(m.public_id),
            m.mentee.name,
            m.mentee.email,
            m.term.program.name,
            ", ".join(mm.user.name for mm in m.mentors.all()),
            m.state,
            m.standing,
            m.starts_at.isoformat(),
            m.midterm_at.isoformat(),
            m.final_at.isoformat(),
            m.ends_at.isoformat(),
            m.extension_weeks,
        ]


def mentorships_csv_response(mentorships, *, term_id: int) -> StreamingHttpResponse:
    return csv.csv_response(
        filename=f"mentorships-term-{term_id}.csv",
        header=CSV_HEADER,
        rows=mentorship_csv_rows(mentorships),
    )
