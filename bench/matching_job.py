"""Benchmark of the whole matching job: ``.venv/bin/python bench/matching_job.py`` (or
``make bench-matching-job``).

Creates a scratch PostgreSQL database next to the one ``DATABASE_URL`` names (Django's
test-database machinery: ``test_<name>``, dropped at the end) and builds a matched cycle
of 200 organizations, 2,000 terms (capacity 5–15) and 100,000 submitted applications
from 40,000 mentees ranking 2 or 3 terms, each application with three reviews (rows
written in bulk, not through the services: the job is measured, not the loading). Then it
times the job as staff run it: the run (freezing the inputs from the rank lists, matching,
verifying, storing the proposed placements) and the publication (every placement accepted
through the decisions service), and counts their queries. The same is first done at 1 %
of the size, so the query counts can be compared: they must not grow with the size.

Targets: the run under 30 s and the publication under 60 s, with the same number of
queries at both sizes. Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorship")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGET_RUN_S = 30.0
TARGET_PUBLISH_S = 60.0
BATCH = 5000


def _build(label: str, organizations: int, terms_per_org: int, mentees: int, seed: int):
    """Bulk rows of one matched cycle. Returns the cycle."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from accounts.organizations.models import Organization
    from accounts.people.models import User
    from applications.apply.models import Application
    from applications.review.models import Review
    from programs.cycles.models import Cycle
    from programs.programs.models import Program
    from programs.terms.models import Term

    rng = random.Random(seed)
    now = timezone.now()
    with scopes_disabled():
        cycle = Cycle.objects.create(
            name=f"Bench {label}",
            applications_open_at=now - timedelta(days=60),
            applications_close_at=now - timedelta(days=5),
            results_announced_at=now + timedelta(days=3),
            confirmation_deadline=now + timedelta(days=8),
            selection_mode="matched",
        )
        orgs = Organization.objects.bulk_create(
            [
                Organization(slug=f"{label}-org-{i}", name=f"{label} org {i}")
                for i in range(organizations)
            ]
        )
        reviewers = User.objects.bulk_create(
            [
                User(email=f"{label}-reviewer-{i}@bench.test", password="!")
                for i in range(3 * organizations)
            ]
        )
        programs = Program.objects.bulk_create(
            [
                Program(
                    organization=org,
                    name=f"{label} program {o}-{p}",
                    slug=f"p-{o}-{p}",
                    status="approved",
                )
                for o, org in enumerate(orgs)
                for p in range(terms_per_org)
            ],
            batch_size=BATCH,
        )
        start = now + timedelta(days=20)
        terms = Term.objects.bulk_create(
            [
                Term(
                    organization_id=program.organization_id,
                    program=program,
                    cycle=cycle,
                    kind="full_time",
                    capacity=rng.randint(5, 15),
                    applications_open_at=now - timedelta(days=50),
                    applications_close_at=now - timedelta(days=6),
                    starts_at=start,
                    ends_at=start + timedelta(weeks=12),
                )
                for program in programs
            ],
            batch_size=BATCH,
        )
        users = User.objects.bulk_create(
            [User(email=f"{label}-mentee-{i}@bench.test", password="!") for i in range(mentees)],
            batch_size=BATCH,
        )
        org_reviewers = {org.pk: reviewers[3 * o : 3 * o + 3] for o, org in enumerate(orgs)}
        # Popular terms get more applicants: a skewed choice, like real cycles.
        weights = [1.0 / (1 + i % 50) for i in range(len(terms))]
        applications = []
        for i, user in enumerate(users):
            chosen = set()
            wanted = 3 if i % 2 == 0 else 2
            while len(chosen) < wanted:
                chosen.add(rng.choices(range(len(terms)), weights)[0])
            for rank, index in enumerate(sorted(chosen, key=lambda _: rng.random()), start=1):
                term = terms[index]
                applications.append(
                    Application(
                        organization_id=term.organization_id,
                        term=term,
                        cycle=cycle,
                        applicant=user,
                        state="submitted",
                        mentee_rank=rank,
                        submitted_at=now - timedelta(days=10),
                    )
                )
        Application.objects.bulk_create(applications, batch_size=BATCH)
        reviews = []
        for application in applications:
            for reviewer in org_reviewers[application.organization_id]:
                value = rng.randint(1, 5)
                marked = rng.random() < 0.02
                reviews.append(
                    Review(
                        organization_id=application.organization_id,
                        application=application,
                        reviewer=reviewer,
                        skills=None if marked else value,
                        motivation=None if marked else value,
                        communication=None if marked else value,
                        availability=None if marked else value,
                        score=None if marked else Decimal(value),
                        not_acceptable=marked,
                    )
                )
            if len(reviews) >= 50_000:
                Review.objects.bulk_create(reviews, batch_size=BATCH)
                reviews = []
        Review.objects.bulk_create(reviews, batch_size=BATCH)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return cycle, len(applications)


def _measure(cycle) -> dict:
    from mentorship.runs.models import MatchRun
    from mentorship.runs.services.execute import match_run_execute
    from mentorship.runs.services.runs import match_run_publish, match_run_start

    with CaptureQueriesContext(connection) as run_queries:
        started = time.perf_counter()
        run = match_run_start(cycle=cycle, actor=None, enqueue=False)
        status = match_run_execute(run_id=run.pk)
        run_s = time.perf_counter() - started
    run = MatchRun.objects.get(pk=run.pk)
    if status != "succeeded":
        raise SystemExit(f"run failed: {run.error}")
    with CaptureQueriesContext(connection) as publish_queries:
        started = time.perf_counter()
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(match_run_publish, run=run, actor=None)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            match_run_publish(run=run, actor=None)
        publish_s = time.perf_counter() - started
    return {
        "run_s": run_s,
        "run_queries": len(run_queries),
        "publish_s": publish_s,
        "publish_queries": len(publish_queries),
        "timings": run.timings,
        "counts": run.counts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=200)
    parser.add_argument("--terms-per-organization", type=int, default=10)
    parser.add_argument("--mentees", type=int, default=40_000)
    args = parser.parse_args()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    results = {}
    try:
        for label, factor in (("small", 0.01), ("full", 1.0)):
            started = time.perf_counter()
            cycle, applications = _build(
                label,
                max(2, int(args.organizations * factor)),
                args.terms_per_organization,
                max(100, int(args.mentees * factor)),
                seed=7,
            )
            load_s = time.perf_counter() - started
            result = _measure(cycle)
            result["applications"] = applications
            result["load_s"] = load_s
            results[label] = result
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"{'size':<6} {'applications':>12} {'mentees':>8} {'placed':>7} {'run s':>7} "
        f"{'queries':>7} {'publish s':>9} {'queries':>7}  run steps (s)"
    )
    for label, r in results.items():
        steps = ", ".join(f"{k} {v}" for k, v in r["timings"].items())
        print(
            f"{label:<6} {r['applications']:>12,} {r['counts']['mentees']:>8,} "
            f"{r['counts']['matched']:>7,} {r['run_s']:>7.2f} {r['run_queries']:>7} "
            f"{r['publish_s']:>9.2f} {r['publish_queries']:>7}  {steps}"
        )
    full, small = results["full"], results["small"]
    missed = []
    if full["run_s"] > TARGET_RUN_S:
        missed.append(f"run {full['run_s']:.1f} s > {TARGET_RUN_S:.0f} s")
    if full["run_queries"] != small["run_queries"]:
        missed.append("the run's queries grow with the size")
    if full["publish_queries"] != small["publish_queries"]:
        missed.append("the publication's queries grow with the size")
    if full["publish_s"] > TARGET_PUBLISH_S:
        missed.append(f"publication {full['publish_s']:.1f} s > {TARGET_PUBLISH_S:.0f} s")
    print(
        f"\nQueries, small vs full: run {small['run_queries']} vs {full['run_queries']}, "
        f"publication {small['publish_queries']} vs {full['publish_queries']} (the job and "
        "the publication write one statement per table whatever the size)."
    )
    print(f"Targets: run < {TARGET_RUN_S:.0f} s, publication < {TARGET_PUBLISH_S:.0f} s.")
    if missed:
        print("MISSED: " + "; ".join(missed))
        return 1
    print("Targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
