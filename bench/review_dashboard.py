"""Benchmark of the reviewers' dashboard: ``.venv/bin/python bench/review_dashboard.py``
(or ``make bench-review``).

Creates a scratch PostgreSQL database next to the one ``DATABASE_URL`` names (Django's
test-database machinery: ``test_<name>``, dropped at the end), loads one term with 10
applicants, measures, grows it to 1,000 applicants with three reviews each (two mentors
and the coordinator), and measures again. Each page is requested through Django's test
client (the whole stack: middleware, sessions, permissions, templates): the first page of
the dashboard, a filtered and sorted page, an applicant page and the CSV export, with a
trivial signed-in page (/me/) as the baseline of the same run. Prints median and 95th
percentile times, the ratio to the baseline and queries per request.

Target: every dashboard page (first, filtered, applicant) under 150 ms at the 95th
percentile and at most 12 queries, at any size. Exit status 1 when missed.
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

TARGET_P95_MS = 150.0
TARGET_QUERIES = 12
DASHBOARD_PAGES = ("first page", "filtered + sorted", "applicant page")


def _world():
    from accounts.organizations.models import Role
    from tests.conftest import _tenant
    from tests.factories.accounts import MembershipFactory, UserFactory
    from tests.factories.programs import CycleFactory, ProgramFactory, make_term

    alpha = _tenant("alpha")
    _tenant("beta")
    second = UserFactory(email="second.mentor@alpha.test", display_name="Second Mentor")
    MembershipFactory(organization=alpha.organization, user=second, role=Role.MENTOR)
    program = ProgramFactory(organization=alpha.organization, name="Bench Mentorship")
    term = make_term(program, CycleFactory(name="Bench cycle"), primary_mentor=alpha.mentor)
    from django_scopes import scope

    from programs.terms.services.mentors import term_mentor_add

    with scope(organization=alpha.organization):
        term_mentor_add(term=term, actor=None, user=second)
    return alpha, second, term


def _measure(client: Client, url: str, runs: int, warmup: int = 3) -> dict:
    for _ in range(warmup):
        client.get(url)
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed * 1000)
        queries.append(len(captured))
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))],
        "queries": max(queries),
    }


def _scenario(alpha, term, applications, runs: int) -> dict[str, dict]:
    org = alpha.organization.slug
    # Not setup_test_environment(): its template instrumentation would slow every page.
    mentor, admin = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    mentor.force_login(alpha.mentor)
    admin.force_login(alpha.admin)
    dashboard = f"/o/{org}/review/terms/{term.pk}/"
    filtered = f"{dashboard}?state=submitted&skill=Python&score_min=2.5&unreviewed=on&sort=-score"
    applicant = f"/o/{org}/review/applicants/{applications[len(applications) // 2].public_id}/"
    return {
        "baseline (/me/)": _measure(mentor, "/me/", runs),
        "first page": _measure(mentor, dashboard, runs),
        "filtered + sorted": _measure(admin, filtered, runs),
        "applicant page": _measure(mentor, applicant, runs),
        "CSV export (all)": _measure(
            admin, f"/o/{org}/review/terms/{term.pk}/applicants.csv", max(5, runs // 3)
        ),
    }


def _print(size: int, results: dict[str, dict]) -> list[str]:
    baseline = results["baseline (/me/)"]["median"]
    print(f"\n{size} applicants (3 reviews each)")
    print(f"{'page':<20} {'median ms':>10} {'p95 ms':>8} {'x baseline':>11} {'queries':>8}")
    missed = []
    for name, r in results.items():
        print(
            f"{name:<20} {r['median']:>10.1f} {r['p95']:>8.1f} "
            f"{r['median'] / baseline:>11.1f} {r['queries']:>8}"
        )
        if name in DASHBOARD_PAGES and (r["p95"] > TARGET_P95_MS or r["queries"] > TARGET_QUERIES):
            missed.append(f"{name} at {size}: p95 {r['p95']:.1f} ms, {r['queries']} queries")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="requests per page (default 40)")
    parser.add_argument("--size", type=int, default=1000, help="applicants (default 1000)")
    args = parser.parse_args()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from tests.applications.review_data import load_applicants

        alpha, second, term = _world()
        reviewers = [alpha.mentor, second, alpha.coordinator]
        applications = load_applicants(term, 10, reviewers=reviewers, prefix="s")
        missed = _print(10, _scenario(alpha, term, applications, args.runs))
        applications += load_applicants(term, args.size - 10, reviewers=reviewers, prefix="l")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        missed += _print(args.size, _scenario(alpha, term, applications, args.runs))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"\nTarget: dashboard pages p95 < {TARGET_P95_MS:.0f} ms and <= {TARGET_QUERIES} "
        "queries at any size."
    )
    if missed:
        print("MISSED: " + "; ".join(missed))
        return 1
    print("Target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
