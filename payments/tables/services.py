"""Stipend table versions, kept by platform staff, imported from CSV (country,tier,amount)
with a preview: `table_import(..., commit=False)` checks every row and returns the rows and
the list of errors without writing anything."""

import csv
import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_countries import countries

from core.audit.services import audit_record
from payments.plans.services import currency_code, money
from payments.tables.models import StipendRate, StipendTable

MAX_ROWS = 400


def table_rows_parse(text: str) -> tuple[list[dict], list[str]]:
    """Rows and errors of a CSV with the header `country,tier,amount` (ISO 3166 codes)."""
    try:
        return _parse(text)
    except csv.Error as error:  # e.g. a lone carriage return inside a field
        return [], [f"This is not a readable CSV file ({error})."]


def _parse(text: str) -> tuple[list[dict], list[str]]:
    rows, errors, seen = [], [], set()
    # newline="" lets the csv module see line ends itself (a \r inside a field is data).
    reader = csv.DictReader(io.StringIO(text or "", newline=""))
    if [name.strip().lower() for name in reader.fieldnames or []] != ["country", "tier", "amount"]:
        return [], ["The first line must be the header: country,tier,amount"]
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            errors.append(f"A table has at most {MAX_ROWS} rows.")
            break
        code = (raw.get("country") or "").strip().upper()
        if code not in dict(countries):
            errors.append(f"Line {line}: '{code}' is not an ISO 3166 country code.")
            continue
        if code in seen:
            errors.append(f"Line {line}: {code} appears twice.")
            continue
        try:
            tier = int((raw.get("tier") or "").strip())
        except ValueError:
            tier = 0
        if not 1 <= tier <= 10:
            errors.append(f"Line {line}: the tier is a whole number from 1 to 10.")
            continue
        try:
            amount = money(raw.get("amount"))
        except ValidationError as error:
            errors.append(f"Line {line}: {error.message_dict['amount'][0]}")
            continue
        seen.add(code)
        rows.append({"country": code, "tier": tier, "amount": amount})
    if not rows and not errors:
        errors.append("The file has no rows.")
    return rows, errors


@transaction.atomic
def table_import(
    *,
    actor,
    name: str,
    effective_from: date,
    csv_text: str,
    currency: str = "USD",
    floor_amount=None,
    commit: bool = True,
) -> tuple[StipendTable | None, list[dict], list[str]]:
    """Staff add a table version. With `commit=False` (the preview), or with any error,
    nothing is written. A new version never changes a plan already made."""
    if actor is not None and not actor.has_perm("accounts.staff"):
        raise PermissionDenied("Only platform staff keep the stipend table.")
    name = (name or "").strip()
    errors = []
    if not name or len(name) > 100:
        errors.append("Give the version a name of at most 100 characters.")
    currency = currency_code(currency)
    floor = money(floor_amount, "floor_amount") if floor_amount not in (None, "") else None
    if effective_from is None:
        errors.append("Give the date the version takes effect.")
    elif StipendTable.objects.filter(effective_from=effective_from).exists():
        errors.append("A version already takes effect on this date; choose another date.")
    rows, row_errors = table_rows_parse(csv_text)
    errors += row_errors
    if errors or not commit:
        return None, rows, errors
    table = StipendTable.objects.create(
        name=name,
        effective_from=effective_from,
        currency=currency,
        floor_amount=floor,
        created_by=actor,
    )
    StipendRate.objects.bulk_create([StipendRate(table=table, **row) for row in rows])
    audit_record(
        action="stipend_table.created",
        obj=table,
        actor=actor,
        data={"rows": len(rows), "effective_from": str(effective_from)},
    )
    return table, rows, []
