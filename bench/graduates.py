"""Benchmark of the graduate directory and the public statistics:
``.venv/bin/python bench/graduates.py [--profiles 100000] [--keepdb]``.

A scratch PostgreSQL database beside the one ``DATABASE_URL`` names (``bench_<name>``,
dropped at the end unless ``--keepdb``) holds ``--profiles`` published graduate profiles
(skills, programs, organizations, years, countries, availability drawn from small lists),
their stored search vectors written by one ``UPDATE`` like the service's, and one approved
employer. Built with ``INSERT ... SELECT generate_series``.

The directory (``/employers/``) is requested through Django's test client as the employer:
a full-text search, the search with combined filters (skill, program, country, open to
work, remote) in relevance and recency order, filters without words, and a deep page.
Prints median and p95 and the queries per request. Then ``/stats/`` (the page reads the
latest snapshot only; its size does not depend on the number of applications, so the
snapshot is written here from 1,000 cycle × organization rows, the shape a platform with
1,000,000 applications would have).

Targets (exit status 1 when one is missed): every directory request p95 under 150 ms with
the same number of queries for every search; /stats/ p95 under 100 ms.
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

SKILLS = ["Rust", "Go", "Python", "C", "Kubernetes", "TypeScript", "Linux kernel", "eBPF"]
PROGRAMS = ["Kernel Mentorship", "Rust for Linux", "Cloud Native Storage", "Observability"]
ORGANIZATIONS = ["Aurora Kernel Community", "Borealis Cloud Foundation", "Cirrus", "Delta"]
COUNTRIES = ["DE", "BR", "IN", "US", "NG", "FR", "JP", "KE"]
WORDS = ["drivers", "scheduler", "storage", "tracing", "networking", "filesystem", "compiler"]
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


def _sql(query, params=None):
    with connection.cursor() as cursor:
        cursor.execute(query, params)


def _array(values):
    return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"


def _world(profiles: int):
    from mentorship.graduates.models import Employer, EmployerMember, EmployerStatus
    from tests.factories.accounts import UserFactory

    print(f"Building {profiles:,} published graduate profiles...")
    started = time.perf_counter()
    _sql(
        """
        INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined,
            public_id, email, display_name, timezone)
        SELECT '!', false, false, true, now(), gen_random_uuid(),
            'grad' || g || '@bench.test', 'Graduate ' || lpad(g::text, 6, '0'), 'UTC'
        FROM generate_series(1, %s) g
        """,
        [profiles],
    )
    skills, programs = _array(SKILLS), _array(PROGRAMS)
    organizations, countries, words = (
        _array(ORGANIZATIONS),
        _array(COUNTRIES),
        _array(WORDS),
    )
    _sql(
        f"""
        INSERT INTO mentorship_graduateprofile (public_id, user_id, display_name, headline,
            skills, project_summary, links, open_to_work, country, remote, show_skills,
            show_project, show_links, show_availability, visibility, published_at, updated_at,
            program_names, organization_names, years)
        SELECT gen_random_uuid(), u.id, u.display_name,
            ({words})[1 + u.id % 7] || ' and ' || ({words})[1 + (u.id / 7) % 7],
            ({skills})[1 + u.id % 8] || ' (advanced), ' || ({skills})[1 + (u.id / 8) % 8],
            'Worked on ' || ({words})[1 + (u.id / 3) % 7] || ' upstream.', '',
            u.id % 3 <> 0, ({countries})[1 + (u.id / 5) % 8], u.id % 2 = 0,
            true, true, true, true,
            CASE WHEN u.id % 4 = 0 THEN 'public' ELSE 'employers' END,
            now() - (u.id % 1000) * interval '1 hour', now(),
            lower(({programs})[1 + u.id % 4]), lower(({organizations})[1 + (u.id / 4) % 4]),
            '|' || (2020 + u.id % 6)::text || '|'
        FROM accounts_user u WHERE u.email LIKE 'grad%%@bench.test'
        """
    )
    _sql(
        """
        UPDATE mentorship_graduateprofile SET search_vector =
            setweight(to_tsvector('english', display_name), 'A')
            || setweight(to_tsvector('english', headline || ' ' || skills), 'A')
            || setweight(to_tsvector('english', program_names || ' ' || organization_names), 'B')
            || setweight(to_tsvector('english', project_summary), 'C')
        """
    )
    _sql("ANALYZE mentorship_graduateprofile")
    person = UserFactory(email="employer@bench.test")
    employer = Employer.objects.create(
        name="Bench Inc",
        website="https://bench.example",
        contact="x",
        reason="y",
        requested_by=person,
        status=EmployerStatus.APPROVED,
    )
    EmployerMember.objects.create(employer=employer, user=person)
    print(f"  built in {time.perf_counter() - started:.0f} s")
    return person


def _time(client, url, params, runs):
    times, queries = [], set()
    for _ in range(3):  # warm the templates, the connection and the caches
        client.get(url, params)
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
        queries.add(len(captured.captured_queries))
    times.sort()
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, queries


def _stats_snapshot():
    from mentorship.stats.models import StatsSnapshot
    from mentorship.stats.selectors import hide_small

    rows = [
        hide_small(
            {
                "cycle": f"Cycle {c}",
                "year": 2000 + c,
                "opens": f"{2000 + c}-01-15",
                "organization": f"Organization {o}",
                "programs": 5 + o % 7,
                "terms": 8 + o % 5,
                "applicants": 800 + o,
                "applications": 1000,  # 1,000 rows x 1,000 = 1,000,000 applications
                "accepted": 120,
                "mentees": 110,
                "graduated": 90 + o % 3,
            }
        )
        for c in range(20)
        for o in range(50)
    ]
    StatsSnapshot.objects.create(rows=rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40, help="requests per search (40)")
    parser.add_argument("--keepdb", action="store_true")
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_graduates_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    missed = []
    try:
        from mentorship.graduates.models import GraduateProfile

        if GraduateProfile.objects.count() < args.profiles:
            person = _world(args.profiles)
        else:
            from accounts.people.models import User

            person = User.objects.get(email="employer@bench.test")
        client = Client(HTTP_HOST="localhost")
        client.force_login(person)
        query_counts = set()
        print(f"\nDirectory over {GraduateProfile.objects.count():,} profiles ({args.runs} runs):")
        for name, params in SEARCHES.items():
            median, p95, queries = _time(client, "/employers/", params, args.runs)
            query_counts |= queries
            print(f"  {name:32} median {median:6.1f} ms  p95 {p95:6.1f} ms  queries {queries}")
            if p95 > TARGET_MS:
                missed.append(f"{name}: p95 {p95:.1f} ms > {TARGET_MS} ms")
        if len(query_counts) != 1:
            missed.append(f"queries differ between searches: {sorted(query_counts)}")
        _stats_snapshot()
        median, p95, queries = _time(Client(HTTP_HOST="localhost"), "/stats/", {}, args.runs)
        print(
            f"\n/stats/ (1,000 rows, 1,000,000 applications): median {median:.1f} ms  "
            f"p95 {p95:.1f} ms  queries {queries}"
        )
        if p95 > STATS_TARGET_MS:
            missed.append(f"/stats/: p95 {p95:.1f} ms > {STATS_TARGET_MS} ms")
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    if missed:
        print("\nMISSED:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
