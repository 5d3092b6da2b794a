"""Public statistics per cycle and organization: counts from this app and the ones below it,
and money metrics contributed by a higher app (payments' "stipends paid") through
`money_metric_register`, since mentorship may not import payments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q

from applications.apply.models import Application, ApplicationState
from core.tenancy import cross_tenant
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.stats.models import StatsSnapshot
from programs.terms.models import Term

# How long the page's pieces of one snapshot stay cached (snapshots never change; the
# hourly job writes a new one, with a new key).
CACHE_SECONDS = 2 * 60 * 60
# A count under this is hidden (shown as "fewer than 5"), and so is a rate built on one.
SMALL = 5
COUNTS = ("programs", "terms", "applicants", "applications", "accepted", "mentees", "graduated")
COLUMNS = (*COUNTS, "acceptance_rate", "graduation_rate")


@dataclass(frozen=True)
class MoneyMetric:
    """A sum of money per cycle and organization that a higher app computes. `compute()`
    returns {(cycle id, organization id): {currency: (amount, people)}}: `people` is how
    many persons the amount is made of, and an amount of fewer than SMALL people is hidden
    like a small count (it would tell what one person received)."""

    key: str
    label: str
    compute: Callable[[], dict[tuple, dict[str, tuple[Decimal, int]]]]


MONEY_METRICS: dict[str, MoneyMetric] = {}


def money_metric_register(*, key: str, label: str, compute: Callable) -> None:
    """Called from a higher app's AppConfig.ready() (payments/apps.py)."""
    MONEY_METRICS[key] = MoneyMetric(key=key, label=label, compute=compute)


def hide_small_money(per_currency: dict[str, tuple[Decimal, int]]) -> list[dict]:
    """[{currency, amount}] sorted by currency; the amount (a string with two decimals, as
    JSON keeps it exactly) is None when fewer than SMALL people make it up."""
    return [
        {
            "currency": currency,
            "amount": None if people < SMALL else str(Decimal(amount).quantize(Decimal("0.01"))),
        }
        for currency, (amount, people) in sorted(per_currency.items())
    ]


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
        "opens": row.get("opens", ""),
        "organization": row["organization"],
        **shown,
        "acceptance_rate": rate("accepted", "applications"),
        "graduation_rate": rate("graduated", "mentees"),
    }


@cross_tenant
def stats_rows() -> list[dict]:
    """Cross-tenant because the public statistics count every organization; only counts
    grouped by cycle and organization leave here (a few grouped queries, no rows). Each
    registered money metric adds one grouped query of its own app."""
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
            t["cycle__applications_open_at"],
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
    money = {metric.key: metric.compute() for metric in MONEY_METRICS.values()}
    rows = []
    for key, counts in table.items():
        if key not in names:
            continue
        cycle, opens, organization = names[key]
        row = {"cycle": cycle, "year": opens.year, "opens": opens.date().isoformat()}
        row = hide_small({**row, "organization": organization, **counts})
        for name, values in money.items():
            row[name] = hide_small_money(values.get(key, {}))
        rows.append(row)
    rows.sort(key=lambda r: (r["opens"], r["cycle"], r["organization"]), reverse=True)
    return rows


def latest_snapshot() -> StatsSnapshot | None:
    return StatsSnapshot.objects.first()


def latest_snapshot_header() -> StatsSnapshot | None:
    """The latest snapshot without its rows (they are read by `snapshot_rows` if needed)."""
    return StatsSnapshot.objects.defer("rows").first()


def snapshot_key(snapshot: StatsSnapshot) -> str:
    # The instant too: two test databases (or a restored one) may reuse an id.
    return f"{snapshot.pk}.{snapshot.computed_at.timestamp():.6f}"


def snapshot_rows(snapshot: StatsSnapshot) -> list[dict]:
    """The snapshot's rows, decoded once per request at most (kept on the instance)."""
    if "rows" not in snapshot.__dict__:
        snapshot.rows = StatsSnapshot.objects.values_list("rows", flat=True).get(pk=snapshot.pk)
    return snapshot.rows


def snapshot_cycles(snapshot: StatsSnapshot) -> list[str]:
    """The snapshot's cycle names, latest first, cached for as long as snapshots are kept
    (a snapshot never changes)."""
    key = f"stats-cycles:{snapshot_key(snapshot)}"
    names = cache.get(key)
    if names is None:
        names = [c["cycle"] for c in reversed(per_cycle(snapshot_rows(snapshot)))]
        cache.set(key, names, CACHE_SECONDS)
    return names


def per_cycle(rows: list[dict]) -> list[dict]:
    """Totals per cycle for the charts, oldest first, summed from the shown cells only:
    `hidden` says some organization's count was under 5 (the total is then "at least")."""
    cycles: dict[str, dict] = {}
    for row in rows:
        total = cycles.setdefault(
            row["cycle"],
            {
                "cycle": row["cycle"],
                "opens": row.get("opens", ""),
                "applications": 0,
                "mentees": 0,
                "applications_hidden": False,
                "mentees_hidden": False,
            },
        )
        for name in ("applications", "mentees"):
            if row[name] is None:
                total[f"{name}_hidden"] = True
            else:
                total[name] += row[name]
    return sorted(cycles.values(), key=lambda c: (c["opens"], c["cycle"]))


def money_per_cycle(rows: list[dict], key: str) -> dict[str, list[dict]]:
    """{currency: [per cycle, oldest first: {cycle, amount, hidden}]} for one money metric,
    summed from the shown amounts only (`hidden`: some organization's amount was hidden).
    Rows of snapshots written before the metric existed have none."""
    order: dict[str, str] = {}
    totals: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        order.setdefault(row["cycle"], row.get("opens", ""))
        for cell in row.get(key) or []:
            total = totals[cell["currency"]].setdefault(
                row["cycle"], {"cycle": row["cycle"], "amount": Decimal(0), "hidden": False}
            )
            if cell["amount"] is None:
                total["hidden"] = True
            else:
                total["amount"] += Decimal(cell["amount"])
    return {
        currency: sorted(cycles.values(), key=lambda c: (order[c["cycle"]], c["cycle"]))
        for currency, cycles in sorted(totals.items())
    }
