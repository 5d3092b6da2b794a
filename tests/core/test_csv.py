"""The one CSV writer: cells that a spreadsheet would run as formulas are neutralized, and
the response is streamed, reading its rows only as it is sent."""

import csv
import io
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse

from core.csv import ROWS_PER_CHUNK, cell, csv_chunks, csv_response


@pytest.mark.parametrize(
    "dangerous",
    [
        '=HYPERLINK("http://evil.test","x")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_is_prefixed_with_a_quote(dangerous):
    assert cell(dangerous) == "'" + dangerous
    written = b"".join(csv_chunks(["name"], [[dangerous]])).decode()
    assert list(csv.reader(io.StringIO(written))) == [["name"], ["'" + dangerous]]


def test_ordinary_values_are_written_as_they_are():
    assert cell("Ada Lovelace") == "Ada Lovelace"
    assert cell("a=b") == "a=b"  # only a leading sign is a formula
    assert cell(None) == ""
    assert cell(-3) == -3 and cell(Decimal("-1.50")) == Decimal("-1.50")  # numbers
    assert cell(True) == "yes"
    assert cell('ünïcødé, "quoted"') == 'ünïcødé, "quoted"'


def test_the_header_is_neutralized_too():
    assert b"".join(csv_chunks(["=x"], [])).decode().strip() == "'=x"


def test_rows_are_read_only_as_the_response_is_sent():
    read = []

    def rows():
        for i in range(ROWS_PER_CHUNK * 3 + 5):
            read.append(i)
            yield [i, f"name {i}"]

    response = csv_response(filename="x.csv", header=["n", "name"], rows=rows())
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Cache-Control"] == "private, no-store"
    assert read == []  # nothing read before the server asks
    chunks = iter(response.streaming_content)
    first = next(chunks)  # the header with the first rows
    assert len(read) == ROWS_PER_CHUNK and first.startswith(b"n,name\r\n0,name 0\r\n")
    rest = b"".join(chunks)
    assert len(read) == ROWS_PER_CHUNK * 3 + 5
    assert rest.endswith(f"{ROWS_PER_CHUNK * 3 + 4},name {ROWS_PER_CHUNK * 3 + 4}\r\n".encode())


def test_an_export_without_rows_is_its_header():
    assert b"".join(csv_chunks(["a", "b"], iter([]))) == b"a,b\r\n"
