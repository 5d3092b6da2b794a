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


def stats(request):
    snapshot = selectors.latest_snapshot()
    rows = snapshot.rows if snapshot else []
    cycles = selectors.per_cycle(rows)
    charts = (
        [
            bar_chart(
                title="Applications per cycle",
                items=[(c["cycle"], c["applications"], c["applications_hidden"]) for c in cycles],
            ),
            bar_chart(
                title="Mentees per cycle",
                items=[(c["cycle"], c["mentees"], c["mentees_hidden"]) for c in cycles],
            ),
        ]
        if cycles
        else []
    )
    # The table shows one cycle's organizations (the latest by default); the CSV has all.
    names = [c["cycle"] for c in reversed(cycles)]
    chosen = request.GET.get("cycle") if request.GET.get("cycle") in names else None
    chosen = chosen or (names[0] if names else None)
    return render(
        request,
        "mentorship/stats.html",
        {
            "snapshot": snapshot,
            "rows": [r for r in rows if r["cycle"] == chosen],
            "cycles": names,
            "chosen": chosen,
            "charts": charts,
            "small": selectors.SMALL,
        },
    )


def stats_csv(request):
    snapshot = selectors.latest_snapshot()
    rows = snapshot.rows if snapshot else []
    return csv_response(
        filename="statistics.csv",
        header=HEADER,
        rows=([("" if r[k] is None else r[k]) for k in KEYS] for r in rows),
    )
