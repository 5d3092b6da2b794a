"""Public statistics per cycle and organization. Stipends are not counted: payments do not
exist yet."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from applications.apply.models import Application, ApplicationState
from core.tenancy import cross_tenant
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.stats.models import StatsSnapshot
from programs.terms.models import Term

# A count under this is hidden (shown as "fewer than 5"), and so is a rate built on one.
SMALL = 5
COUNTS = ("programs", "terms", "applicants", "applications", "accepted", "mentees", "graduated")
COLUMNS = (*COUNTS, "acceptance_rate", "graduation_rate")


def hide_small(row: dict) -> dict:
    """Counts under SMALL become None; a rate is given only when both its counts are shown."""
    shown = {
        k: (v if v is not None and v >= SMALL else None) for k, v in row.items() if k in COUNTS
    }

    def rate(part, whole):
        if shown[part] is None or shown[whole] is None or not shown[whole]:
            return None
        return round(100 * shown[part] / shown[whole], 1)

    return {
        "cycle": row["cycle"],
        "year": row["year"],
        "organization": row["organization"],
        **shown,
        "acceptance_rate": rate("accepted", "applications"),
        "graduation_rate": rate("graduated", "mentees"),
    }


@cross_tenant
def stats_rows() -> list[dict]:
    """Cross-tenant because the public statistics count every organization; only counts
    grouped by cycle and organization leave here (a few grouped queries, no rows)."""
    table: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    names: dict[tuple, tuple] = {}
    for t in Term.objects.values(
        "cycle_id",
        "cycle__name",
        "cycle__applications_open_at",
        "organization_id",
        "organization__name",
    ).annotate(terms=Count("id"), programs=Count("program_id", distinct=True)):
        key = (t["cycle_id"], t["organization_id"])
        names[key] = (
            t["cycle__name"],
            t["cycle__applications_open_at"].year,
            t["organization__name"],
        )
        table[key]["terms"] = t["terms"]
        table[key]["programs"] = t["programs"]
    for a in (
        Application.objects.exclude(state=ApplicationState.DRAFT)
        .values("cycle_id", "organization_id")
        .annotate(
            applications=Count("id"),
            applicants=Count("applicant_id", distinct=True),
            accepted=Count("id", filter=Q(state=ApplicationState.ACCEPTED)),
        )
    ):
        key = (a["cycle_id"], a["organization_id"])
        for name in ("applications", "applicants", "accepted"):
            table[key][name] = a[name]
    for m in Mentorship.objects.values("term__cycle_id", "organization_id").annotate(
        mentees=Count("id"), graduated=Count("id", filter=Q(state=MentorshipState.GRADUATED))
    ):
        key = (m["term__cycle_id"], m["organization_id"])
        table[key]["mentees"] = m["mentees"]
        table[key]["graduated"] = m["graduated"]
    rows = []
    for key, counts in table.items():
        if key not in names:
            continue
        cycle, year, organization = names[key]
        rows.append(
            hide_small({"cycle": cycle, "year": year, "organization": organization, **counts})
        )
    rows.sort(key=lambda r: (-r["year"], r["cycle"], r["organization"]))
    return rows


def latest_snapshot() -> StatsSnapshot | None:
    return StatsSnapshot.objects.first()


def per_cycle(rows: list[dict]) -> list[dict]:
    """Totals per cycle for the charts, summed from the shown (already hidden) cells only."""
    cycles: dict[str, dict] = {}
    for row in rows:
        total = cycles.setdefault(
            row["cycle"],
            {"cycle": row["cycle"], "year": row["year"], "applications": 0, "mentees": 0},
        )
        for name in ("applications", "mentees"):
            total[name] += row[name] or 0
    return sorted(cycles.values(), key=lambda c: (c["year"], c["cycle"]))
