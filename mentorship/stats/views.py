from django.shortcuts import render

from core.csv import csv_response
from mentorship.stats import selectors
from mentorship.stats.charts import bar_chart

HEADER = [
    "Cycle",
    "Year",
    "Organization",
    "Programs",
    "Terms",
    "Applicants",
    "Applications",
    "Accepted",
    "Acceptance rate (%)",
    "Mentees",
    "Graduated",
    "Graduation rate (%)",
]
KEYS = [
    "cycle",
    "year",
    "organization",
    "programs",
    "terms",
    "applicants",
    "applications",
    "accepted",
    "acceptance_rate",
    "mentees",
    "graduated",
    "graduation_rate",
]


def _money_charts(rows: list[dict]) -> list:
    """One chart per money metric and currency (amounts in different currencies are never
    added up)."""
    return [
        bar_chart(
            title=f"{metric.label} per cycle ({currency})",
            items=[(c["cycle"], c["amount"], c["hidden"]) for c in cycles],
            unit=currency,
        )
        for metric in selectors.MONEY_METRICS.values()
        for currency, cycles in selectors.money_per_cycle(rows, metric.key).items()
    ]


def _money_cells(row: dict) -> list[dict]:
    """The row's money metrics for the table: label and [(amount or None, currency)]."""
    return [
        {"label": metric.label, "values": row.get(metric.key) or []}
        for metric in selectors.MONEY_METRICS.values()
    ]


def _charts(rows: list[dict]) -> list:
    cycles = selectors.per_cycle(rows)
    if not cycles:
        return []
    return [
        bar_chart(
            title="Applications per cycle",
            items=[(c["cycle"], c["applications"], c["applications_hidden"]) for c in cycles],
        ),
        bar_chart(
            title="Mentees per cycle",
            items=[(c["cycle"], c["mentees"], c["mentees_hidden"]) for c in cycles],
        ),
        *_money_charts(rows),
    ]


def stats(request):
    """The page draws from the latest snapshot, which never changes once written: its cycle
    names are cached under the snapshot's key, and the charts and table are a template
    fragment cached per snapshot and cycle, so a request reads the snapshot's id (not its
    rows) and the cache; the rows are decoded only when the cache misses."""
    snapshot = selectors.latest_snapshot_header()
    key = selectors.snapshot_key(snapshot) if snapshot else ""
    names = selectors.snapshot_cycles(snapshot) if snapshot else []
    chosen = request.GET.get("cycle") if request.GET.get("cycle") in names else None
    chosen = chosen or (names[0] if names else None)

    def rows():
        return selectors.snapshot_rows(snapshot)

    return render(
        request,
        "mentorship/stats.html",
        {
            "snapshot": snapshot,
            "cache_key": key,
            # Evaluated by the template only inside the cached fragment, on a miss.
            "rows": lambda: [
                dict(r, money=_money_cells(r)) for r in rows() if r["cycle"] == chosen
            ],
            "charts": lambda: _charts(rows()),
            "money_labels": [m.label for m in selectors.MONEY_METRICS.values()],
            "cycles": names,
            "chosen": chosen,
            "small": selectors.SMALL,
        },
    )


def stats_csv(request):
    """Every row of the snapshot; a money metric has one column per currency found (an
    empty cell: hidden, fewer than 5 people; 0.00: nothing paid)."""
    snapshot = selectors.latest_snapshot()
    rows = snapshot.rows if snapshot else []
    money = [
        (metric, currency)
        for metric in selectors.MONEY_METRICS.values()
        for currency in sorted({c["currency"] for r in rows for c in r.get(metric.key) or []})
    ]

    def line(row):
        cells = [("" if row[k] is None else row[k]) for k in KEYS]
        for metric, currency in money:
            found = [c for c in row.get(metric.key) or [] if c["currency"] == currency]
            amount = found[0]["amount"] if found else "0.00"
            cells.append("" if amount is None else amount)
        return cells

    return csv_response(
        filename="statistics.csv",
        header=HEADER + [f"{metric.label} ({currency})" for metric, currency in money],
        rows=(line(r) for r in rows),
    )
