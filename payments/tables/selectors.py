from datetime import date
from decimal import Decimal

from payments.tables.models import StipendRate, StipendTable


def table_for(*, on: date) -> StipendTable | None:
    """The table version in force on a date (the latest that took effect by then)."""
    return StipendTable.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def table_amount(*, table: StipendTable, country: str) -> Decimal | None:
    """A full-size term's amount for a country in a version: its row, else the floor."""
    rate = StipendRate.objects.filter(table=table, country=country).first()
    if rate is not None:
        return rate.amount
    return table.floor_amount


def tables_list():
    return StipendTable.objects.prefetch_related("rates")
