"""The one CSV writer of the project: every export, now and later, is written by it.

- Streamed: `csv_response` is a StreamingHttpResponse over a generator of encoded chunks,
  so the first bytes leave while later rows are still being read, and memory stays the
  same for 1,000 rows or 50,000. Feed it rows read with a server-side cursor
  (`queryset.iterator(chunk_size=...)`), never a list of them all.
- Safe to open in a spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`, a tab or
  a carriage return would be taken as a formula (CSV injection: `=HYPERLINK(...)` in an
  applicant's name runs in the reviewer's spreadsheet), so it is prefixed with a single
  quote. Numbers are written as they are: a number is never a formula.

The querysets a generator reads must be built before the view returns (inside the
request's tenant scope): the generator runs later, while the response is sent."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice

from django.db.models import Func, TextField
from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_PREFIXES)
# The same prefixes as a PostgreSQL regular expression (for Neutralized).
_FORMULA_PATTERN = "^([" + "".join(sorted(FORMULA_PREFIXES, key=lambda c: c == "-")) + "])"
# Rows per chunk handed to the server: big enough to keep the overhead per write small,
# small enough that the first byte leaves at once.
ROWS_PER_CHUNK = 200


def cell(value) -> str | int | float | Decimal:
    """A value as a CSV cell: empty for None, numbers as they are, text neutralized."""
    if type(value) is str:  # the common case first: an export writes many cells
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text[:1] in _FORMULA_FIRST else text


class Neutralized(Func):
    """`cell`'s rule for a text column, written by PostgreSQL: the text with a single quote
    first when it starts with one of FORMULA_PREFIXES. For rows whose cells are all final
    (`csv_response(..., cells_final=True)`): a large export then converts nothing per value
    in Python."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        # One evaluation of the text (it may be a subquery): a regular expression that
        # puts the quote before a first character among the prefixes.
        return f"regexp_replace({sql}, %s, %s)", (*params, _FORMULA_PATTERN, "'\\1")


class _Echo:
    """A file-like object whose write returns what it was given (csv.writer's output)."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(
    header: list[str], rows: Iterable[Iterable], *, cells_final: bool = False
) -> Iterator[bytes]:
    """The CSV of `header` and `rows` as UTF-8 chunks of a few hundred rows (the header
    with the first), each row's cells neutralized (unless `cells_final`: rows of numbers,
    None and text already neutralized, e.g. by `Neutralized` in their query); rows are
    read only as the chunks are sent."""
    writer = csv.writer(_Echo())
    head = writer.writerow([cell(value) for value in header])
    rows = iter(rows)
    while True:
        batch = list(islice(rows, ROWS_PER_CHUNK))
        if not batch and head is None:
            return
        if cells_final:
            text = "".join(map(writer.writerow, batch))
        else:
            text = "".join(writer.writerow([cell(v) for v in row]) for row in batch)
        yield ((head or "") + text).encode()
        head = None
        if not batch:
            return


def csv_response(
    *, filename: str, header: list[str], rows: Iterable[Iterable], cells_final: bool = False
) -> StreamingHttpResponse:
    """A streamed CSV download (private, never cached). `cells_final`: see csv_chunks."""
    response = StreamingHttpResponse(
        csv_chunks(header, rows, cells_final=cells_final), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
