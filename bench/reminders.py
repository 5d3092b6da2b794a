"""Benchmark of the reminder sweep: ``.venv/bin/python bench/reminders.py [--mentees 100000]
[--small 10000] [--runs 3] [--keepdb]``.

A scratch PostgreSQL database beside the one ``DATABASE_URL`` names (``bench_reminders_<name>``,
dropped at the end unless ``--keepdb``) holds ``--mentees`` people (a third in Asia/Tokyo, a
third in America/Sao_Paulo, the rest in UTC) and two terms of one program, each with draft
applications written by ``INSERT ... SELECT generate_series``: the small term's drafts are the
first ``--small`` people, the large term's are everyone. Each term's applications close within
the day, so "applications close tomorrow" is due to every draft's applicant.

Each run empties the claims, the outbox and the notifications, then times
``reminder_sweep(now=...)`` at an instant when one term is due: the sweep finds the drafts,
claims one row each, renders each email in its recipient's zone (the same path the admins' dry
run uses), writes the outbox rows and the in-app notifications in bulk and enqueues the sending
tasks on the broker (Redis, under a key prefix of its own, purged at the end; nothing is
sent). The queries of each batch (``BATCH`` reminders) are counted by a database execute
wrapper.

Targets (exit status 1 when one is missed): the sweep over ``--mentees`` reminders, median of
``--runs``, under 60 s; the same number of queries in every batch, at both sizes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorship")
os.environ.setdefault("TEST_RUN_ID", f"bench-reminders-{os.getpid()}")

import django  # noqa: E402

django.setup()

from config.celery import app as celery_app  # noqa: E402

# The test settings run tasks in-process; the bench enqueues them on the broker as production
# does (sending is the workers' time, not the sweep's).
celery_app.conf.task_always_eager = False
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

TARGET_S = 60
RULE = "applications.close_tomorrow"


def _sql(query, params=None):
    with connection.cursor() as cursor:
        cursor.execute(query, params)


def _world(mentees: int, small: int):
    """Two terms closing in 30 and 60 days (far apart, so each is swept alone) and their
    drafts. Returns the two terms."""
    from tests.factories.accounts import OrganizationFactory
    from tests.factories.programs import CycleFactory, ProgramFactory, make_term

    print(f"Building {mentees:,} mentees and {mentees + small:,} draft applications...")
    started = time.perf_counter()
    organization = OrganizationFactory(name="Bench Community")
    program = ProgramFactory(organization=organization, name="Bench Mentorship")
    today = timezone.now().date()
    terms = [
        make_term(program, CycleFactory(), start=today + timedelta(days=50)),
        make_term(program, CycleFactory(), start=today + timedelta(days=80)),
    ]
    _sql(
        """
        INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined,
            public_id, email, display_name, timezone)
        SELECT '!', false, false, true, now(), gen_random_uuid(),
            'mentee' || g || '@bench.test', 'Mentee ' || lpad(g::text, 6, '0'),
            (ARRAY['UTC', 'Asia/Tokyo', 'America/Sao_Paulo'])[1 + g %% 3]
        FROM generate_series(1, %s) g
        """,
        [mentees],
    )
    for term, count in zip(terms, [small, mentees], strict=True):
        _sql(
            """
            INSERT INTO applications_application (public_id, state, cover_letter, shortlisted,
                created_at, updated_at, applicant_id, cycle_id, organization_id, term_id,
                reviews_counted, reviews_not_acceptable)
            SELECT gen_random_uuid(), 'draft', '', false, now(), now(), id, %s, %s, %s, 0, 0
            FROM accounts_user WHERE email LIKE 'mentee%%@bench.test' ORDER BY id LIMIT %s
            """,
            [term.cycle_id, organization.pk, term.pk, count],
        )
    _sql("ANALYZE")
    print(f"  built in {time.perf_counter() - started:.0f} s")
    return terms


def _empty():
    _sql(
        "TRUNCATE core_reminderclaim, core_outboxemail, core_notification RESTART IDENTITY CASCADE"
    )


def _sweep_once(now, *, count_queries: bool):
    """One sweep of the one rule at `now`: (seconds, reminders queued, queries per batch)."""
    from core.reminders import services
    from core.reminders.registry import rule_get

    rule = rule_get(RULE)
    per_batch: list[int] = []
    real = services.reminder_send_batch

    def counted(**kwargs):
        calls = [0]

        def wrapper(execute, sql, params, many, context):
            calls[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            sent = real(**kwargs)
        per_batch.append(calls[0])
        return sent

    if count_queries:
        services.reminder_send_batch = counted
    try:
        started = time.perf_counter()
        sent = 0
        for batch in services._batches(rule.due(now), services.BATCH):
            sent += services.reminder_send_batch(rule=rule, batch=batch)
        seconds = time.perf_counter() - started
    finally:
        services.reminder_send_batch = real
    return seconds, sent, per_batch


def _purge_broker():
    try:
        celery_app.control.purge()
    except Exception as error:  # noqa: BLE001 - a bench without a broker still reports
        print(f"  (broker not purged: {error})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keepdb", action="store_true")
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_reminders_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    missed = []
    try:
        with scopes_disabled():
            from programs.terms.models import Term

            terms = list(Term.objects.order_by("applications_close_at"))
            if len(terms) < 2:
                terms = _world(args.mentees, args.small)
            results = {}
            for term, size in zip(terms, [args.small, args.mentees], strict=True):
                now = term.applications_close_at - timedelta(hours=2)
                times = []
                for run in range(args.runs):
                    _empty()
                    seconds, sent, _ = _sweep_once(now, count_queries=False)
                    assert sent == size, (sent, size)
                    times.append(seconds)
                    print(f"  {size:>7,} reminders, run {run + 1}: {seconds:6.1f} s")
                _empty()
                _, sent, per_batch = _sweep_once(now, count_queries=True)
                results[size] = (statistics.median(times), per_batch)
                _purge_broker()
            print(f"\nThe sweep of {RULE!r} (median of {args.runs} runs):")
            for size, (median, per_batch) in results.items():
                print(
                    f"  {size:>7,} reminders: {median:6.1f} s  "
                    f"({size / median:,.0f} a second), {len(per_batch)} batches, "
                    f"queries per batch {dict(sorted(Counter(per_batch).items()))}"
                )
            large_median, _ = results[args.mentees]
            if large_median > TARGET_S:
                missed.append(f"{args.mentees:,} reminders: {large_median:.1f} s > {TARGET_S} s")
            # The last batch of a run may be shorter; every full batch must cost the same.
            counts = {n for _, per_batch in results.values() for n in per_batch}
            if len(counts) != 1:
                missed.append(f"queries per batch differ: {sorted(counts)}")
            _empty()
    finally:
        _purge_broker()
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    if missed:
        print("\nMISSED:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
