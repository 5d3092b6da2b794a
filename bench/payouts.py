"""Benchmark of payouts: ``.venv/bin/python bench/payouts.py``.

A scratch PostgreSQL database beside the one ``DATABASE_URL`` names (``bench_<name>``,
dropped at the end) holds one organization's term with 2,500 mentorships of four
installments each (10,000 installments), every installment with a payable payout, and
100,000 more payouts (earlier failed attempts) for the export. Rows are bulk-created; the
measured work goes through the real code:

- bulk approval of the 10,000 payable payouts through
  ``payments.payouts.services.payouts_bulk_approve`` (one compare-and-set UPDATE and one
  audit record per payout): target under 10 s;
- the staff CSV of all 110,000 payouts through the page (``/staff/payouts.csv``, streamed
  with a server-side cursor): its peak Python memory (tracemalloc) is printed next to the
  peak for 10,000 rows; target: the peak for 110,000 is at most 1.5x the one for 10,000
  (constant memory, not proportional to the rows).

Exit status 1 when a target is missed."""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

MENTORSHIPS = 2_500
EXTRA = 100_000


def _world():
    from accounts.organizations.models import Membership, Organization, Role
    from accounts.people.models import User
    from applications.apply.models import Application
    from mentorship.mentorships.models import Mentorship
    from payments.payouts.models import Payout
    from payments.plans.models import Installment, StipendPlan
    from tests.factories.decisions import announced_cycle, term_in
    from tests.factories.programs import ProgramFactory

    organization = Organization.objects.create(slug="bench", name="Bench")
    admin = User.objects.create_user(email="admin@bench.test", password="x", display_name="A")
    Membership.objects.create(organization=organization, user=admin, role=Role.ADMIN)
    staff = User.objects.create_user(
        email="staff@bench.test", password="x", display_name="S", is_staff=True
    )
    program = ProgramFactory(organization=organization)
    term = term_in(program, announced_cycle(name="Bench"), capacity=1000)
    now = timezone.now()
    people = User.objects.bulk_create(
        [User(email=f"m{i}@bench.test", display_name=f"Mentee {i}") for i in range(MENTORSHIPS)]
    )
    applications = Application.objects.bulk_create(
        [
            Application(organization=organization, term=term, cycle=term.cycle, applicant=p)
            for p in people
        ]
    )
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                organization=organization,
                application=a,
                term=term,
                mentee_id=a.applicant_id,
                starts_at=now,
                evaluation_1_at=now + timedelta(weeks=3),
                midterm_at=now + timedelta(weeks=6),
                evaluation_3_at=now + timedelta(weeks=9),
                final_at=now + timedelta(weeks=12),
                ends_at=now + timedelta(weeks=12),
            )
            for a in applications
        ]
    )
    plans = StipendPlan.objects.bulk_create(
        [
            StipendPlan(
                organization=organization,
                mentorship=m,
                program=program,
                kind="flat",
                total=Decimal("3000.00"),
                currency="USD",
            )
            for m in mentorships
        ]
    )
    checkpoints = ["evaluation_1", "midterm", "evaluation_3", "final"]
    installments = Installment.objects.bulk_create(
        [
            Installment(
                organization=organization,
                plan=plan,
                number=n + 1,
                checkpoint=c,
                percent=25,
                amount=Decimal("750.00"),
                currency="USD",
            )
            for plan in plans
            for n, c in enumerate(checkpoints)
        ],
        batch_size=5000,
    )
    mentorship_of = {plan.pk: plan.mentorship_id for plan in plans}

    def payout(i, state="payable", **extra):
        return Payout(
            organization=organization,
            installment_id=i.pk,
            mentorship_id=mentorship_of[i.plan_id],
            term=term,
            program=program,
            amount=i.amount,
            currency="USD",
            state=state,
            **extra,
        )

    payable = Payout.objects.bulk_create([payout(i) for i in installments], batch_size=5000)
    Payout.objects.bulk_create(
        (
            payout(installments[k % len(installments)], "failed", reason=f"Attempt {k}")
            for k in range(EXTRA)
        ),
        batch_size=10000,
    )
    return organization, admin, staff, [p.public_id for p in payable]


def _csv_peak(client, url) -> tuple[int, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    rows = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows - 1, elapsed, peak


def main() -> int:
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_payouts_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    missed = []
    try:
        with scopes_disabled():
            print(f"Seeding {MENTORSHIPS * 4:,} payable installments and {EXTRA:,} more payouts...")
            organization, admin, staff, ids = _world()
            from payments.payouts import services

            # The mentees' emails are the worker's job (one task enqueued after the commit);
            # here the task is only recorded, so the figure is the approval itself.
            queued = []
            services.enqueue_on_commit = lambda task, *args, **kwargs: queued.append(args)
            started = time.perf_counter()
            approved = services.payouts_bulk_approve(
                organization=organization, actor=admin, ids=ids, expected_count=len(ids)
            )
            elapsed = time.perf_counter() - started
            assert len(queued) == 1 and len(queued[0][0]) == len(ids)
        print(f"Bulk approval of {approved:,} payouts: {elapsed:.2f} s (target < 10 s)")
        if approved != len(ids) or elapsed >= 10:
            missed.append("bulk approval")
        client = Client(HTTP_HOST="localhost")
        client.force_login(staff)
        _csv_peak(client, "/staff/payouts.csv?state=declined")  # warm up: imports, caches
        small = _csv_peak(client, "/staff/payouts.csv?state=approved")
        large = _csv_peak(client, "/staff/payouts.csv")
        for label, (rows, seconds, peak) in (("approved only", small), ("every payout", large)):
            print(
                f"Staff CSV, {label}: {rows:,} rows in {seconds:.2f} s, "
                f"peak Python memory {peak / 1024 / 1024:.1f} MiB"
            )
        if large[0] != MENTORSHIPS * 4 + EXTRA or large[2] > 1.5 * small[2]:
            missed.append("CSV in constant memory")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if missed:
        print("MISSED: " + ", ".join(missed))
        return 1
    print("Every target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
