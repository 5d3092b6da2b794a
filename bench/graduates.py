"""Benchmark of the graduate directory and the public statistics:
``.venv/bin/python bench/graduates.py [--profiles 100000] [--applications 1000000]
[--rounds 3] [--keepdb]`` (or ``make bench-graduates``).

A scratch PostgreSQL database beside the one ``DATABASE_URL`` names (``bench_graduates_<name>``,
dropped at the end unless ``--keepdb``) holds, built by SQL (bench/graduates_data.py):
``--profiles`` published graduate profiles with their stored search vectors and one
approved employer; and a platform of ``--applications`` applications (20 cycles × 50
organizations × 2 programs, 200,000 applicants, one in eight accepted, their mentorships,
stipend plans and paid payouts).

Each of ``--rounds`` rounds measures, through Django's test client (middleware, sessions,
templates), ``--runs`` requests of every page, interleaved: the baselines of the same
round, signed out (``/accounts/login/``) and signed in (``/me/``); ``/stats/`` signed out
and signed in (the whole page, read from the snapshot the job wrote over the 1,000,000
applications); the directory (``/employers/``, as the employer) with a search, the search
with combined filters (relevance and recency), filters only and a deep page. And the
periodic job (``stats_refresh``: every count, the stipends paid, the snapshot written) once,
against a baseline of the same round: one ``SELECT count(*)`` over the applications.
Prints each round, then the median over the rounds of each p95 and of its ratio to the
baseline (the signed-out baseline for signed-out pages, the signed-in one otherwise).

Targets (exit status 1 when one is missed): every directory request p95 under 150 ms with
the same number of queries for every search; ``/stats/`` p95 under 100 ms signed out and in.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorship")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.graduates_data import directory_world, stats_world  # noqa: E402

SEARCHES = {
    "search": {"q": "scheduler"},
    "search + filters, relevance": {
        "q": "storage rust",
        "skill": "rust",
        "program": "storage",
        "country": "DE",
        "open_to_work": "on",
        "remote": "on",
    },
    "search + filters, recent": {
        "q": "tracing",
        "skill": "go",
        "organization": "borealis",
        "open_to_work": "on",
        "order": "recent",
    },
    "filters only": {"skill": "python", "country": "IN", "open_to_work": "on"},
    "no filter, page 40": {"page": "40"},
}
TARGET_MS = 150
STATS_TARGET_MS = 100
OUT, IN = "baseline signed out (/accounts/login/)", "baseline signed in (/me/)"
# page: (client, url, params, its baseline)
PAGES = {
    OUT: ("anonymous", "/accounts/login/", {}, OUT),
    IN: ("employer", "/me/", {}, IN),
    "/stats/ signed out": ("anonymous", "/stats/", {}, OUT),
    "/stats/ signed in": ("employer", "/stats/", {}, IN),
    **{
        f"directory: {name}": ("employer", "/employers/", params, IN)
        for name, params in SEARCHES.items()
    },
}
JOB, JOB_BASE = "stats job (stats_refresh)", "baseline: SELECT count(*) FROM applications"


def _p95(times):
    times = sorted(times)
    return times[max(0, int(round(0.95 * len(times))) - 1)]


def _timed(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, params, response.status_code)
    return elapsed, len(captured.captured_queries)


def _round(clients, runs) -> tuple[dict, dict]:
    """One round: `runs` requests of every page, interleaved; the job and its baseline."""
    times: dict[str, list[float]] = {page: [] for page in PAGES}
    queries: dict[str, set] = {page: set() for page in PAGES}
    for _ in range(runs):
        for page, (who, url, params, _base) in PAGES.items():
            elapsed, count = _timed(clients[who], url, params)
            times[page].append(elapsed)
            queries[page].add(count)
    from mentorship.stats.services import stats_refresh

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM applications_application")
        cursor.fetchone()
    base = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    stats_refresh()
    job = (time.perf_counter() - started) * 1000
    p95 = {page: _p95(t) for page, t in times.items()}
    p95[JOB], p95[JOB_BASE] = job, base
    medians = {page: statistics.median(t) for page, t in times.items()}
    return {"p95": p95, "median": medians}, queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=20, help="requests per page per round")
    parser.add_argument("--keepdb", action="store_true")
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_graduates_{old_name}"
    connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=args.keepdb, serialize=False
    )
    missed = []
    try:
        from accounts.people.models import User
        from mentorship.graduates.models import GraduateProfile
        from mentorship.stats.services import stats_refresh

        if GraduateProfile.objects.count() < args.profiles:
            person = directory_world(args.profiles)
        else:
            person = User.objects.get(email="employer@bench.test")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM applications_application")
            applications = cursor.fetchone()[0]
        if applications < args.applications:
            applications = stats_world(args.applications)["applications"]
        started = time.perf_counter()
        snapshot = stats_refresh()
        print(
            f"First stats job: {time.perf_counter() - started:.1f} s, {len(snapshot.rows):,} rows",
            flush=True,
        )
        clients = {
            "anonymous": Client(HTTP_HOST="localhost"),
            "employer": Client(HTTP_HOST="localhost"),
        }
        clients["employer"].force_login(person)
        for who, url, params, _base in PAGES.values():  # warm once
            for _ in range(3):
                _timed(clients[who], url, params)
        profiles = GraduateProfile.objects.count()
        print(
            f"\n{profiles:,} profiles, {applications:,} applications; "
            f"{args.rounds} rounds of {args.runs} requests per page"
        )
        rounds, query_counts = [], {}
        for number in range(args.rounds):
            result, queries = _round(clients, args.runs)
            rounds.append(result)
            for page, found in queries.items():
                query_counts.setdefault(page, set()).update(found)
            print(
                f"  round {number + 1}: "
                + ", ".join(
                    f"{page.split(' (')[0]} {result['p95'][page]:.0f}" for page in (*PAGES, JOB)
                ),
                flush=True,
            )
        missed += _report(rounds, query_counts)
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    if missed:
        print("\nMISSED:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery target met.")
    return 0


def _report(rounds, query_counts) -> list[str]:
    missed = []
    print("\n| page | p95 ms (median of rounds) | x baseline | median ms | queries |")
    print("|---|---:|---:|---:|---:|")
    for page, (_who, _url, _params, base) in PAGES.items():
        p95 = statistics.median(r["p95"][page] for r in rounds)
        ratio = statistics.median(r["p95"][page] / r["p95"][base] for r in rounds)
        median = statistics.median(r["median"][page] for r in rounds)
        counts = ", ".join(str(c) for c in sorted(query_counts[page]))
        print(f"| {page} | {p95:.1f} | {ratio:.2f} | {median:.1f} | {counts} |")
        if page.startswith("directory") and p95 > TARGET_MS:
            missed.append(f"{page}: p95 {p95:.1f} ms > {TARGET_MS} ms")
        if page.startswith("/stats/") and p95 > STATS_TARGET_MS:
            missed.append(f"{page}: p95 {p95:.1f} ms > {STATS_TARGET_MS} ms")
    job = statistics.median(r["p95"][JOB] for r in rounds)
    base = statistics.median(r["p95"][JOB_BASE] for r in rounds)
    ratio = statistics.median(r["p95"][JOB] / r["p95"][JOB_BASE] for r in rounds)
    print(f"| {JOB_BASE} | {base:.0f} | 1.00 | | 1 |")
    print(f"| {JOB} | {job:.0f} | {ratio:.2f} | | |")
    directory = set().union(*(query_counts[p] for p in PAGES if p.startswith("directory")))
    if len(directory) != 1:
        missed.append(f"queries differ between directory searches: {sorted(directory)}")
    return missed


if __name__ == "__main__":
    sys.exit(main())
