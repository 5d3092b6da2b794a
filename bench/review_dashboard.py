"""Benchmark of the review and decisions pages at 1,000, 10,000 and 50,000 applicants:
``.venv/bin/python bench/review_dashboard.py`` (or ``make bench-review``).

One scratch PostgreSQL database beside the one ``DATABASE_URL`` names (Django's
test-database machinery: ``bench_<name>``, dropped at the end unless ``--keepdb``) holds
three terms of one organization with 1,000, 10,000 and 50,000 applicants (the same people
apply to several terms), reviewed by the same three reviewers, plus a past term of 20,000
reviewed applicants (the reviewers' histories) and another organization's term. Built with
``INSERT ... SELECT generate_series`` in a minute or two.

Each page is requested through Django's test client (middleware, sessions, permissions,
templates) in five interleaved rounds (every size and page in each round), with the
signed-in ``/me/`` page as the baseline of the same rounds: the dashboard's first page,
sorted by score, filtered and sorted, its last page, an applicant page and the term's
decisions page. Prints median and 95th percentile, the ratio to the baseline, and queries
per request. The CSV export of every row: time to the first byte, total time and peak
Python memory while it streams. Then, unless ``--no-load``, a load figure: gunicorn (3
workers, production settings) on the 1,000-applicant term under ``wrk`` (8 connections,
``--load-seconds`` per URL), requests per second of the dashboard and of an applicant page
as a ratio to ``/healthz``. Needs ``wrk`` (Debian: ``apt-get install -y wrk``).

Targets (exit status 1 when one is missed):
- at 50,000 applicants every dashboard view, the applicant page and the decisions page:
  p95 at most 3x the baseline's p95 and at most 1.5x their own p95 at 1,000;
- CSV of 50,000 rows: first byte within 1 s, all of it under 3 s, peak memory at most
  that of 1,000 rows plus a tenth (printed);
- under load with 1,000 applicants: the dashboard at least 0.25x and an applicant page
  at least 0.4x the requests per second of /healthz.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorship")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = (1_000, 10_000, 50_000)
HISTORY = int(
    os.environ.get("BENCH_HISTORY", "20000")
)  # applicants of a past term, reviewed by the same reviewers
TIMED_PAGES = (
    "dashboard, first page",
    "dashboard, sorted by score",
    "dashboard, filtered and sorted",
    "dashboard, last page",
    "applicant page",
    "term decisions page",
)
BASELINE = "baseline (/me/)"
TARGET_X_BASELINE = 3.0
TARGET_X_SMALL = 1.5
CSV_FIRST_BYTE_S = 1.0
CSV_TOTAL_S = 3.0
CSV_MEMORY_SLACK = 1.1
LOAD_TARGETS = {"dashboard": 0.25, "applicant page": 0.4}
COUNTRIES = ["IN", "BR", "NG", "US", "DE", "CN", "KE", "GB"]
SKILLS = ["Python", "C", "Go", "Rust", "Git", "Kubernetes", "Linux kernel", "JavaScript"]


# --- data ---------------------------------------------------------------------------------


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _people(count: int) -> None:
    """`count` applicants with profiles, by SQL."""
    _sql(
        """
        INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined,
            public_id, email, display_name, timezone)
        SELECT '!', false, false, true, now(), gen_random_uuid(),
            'bench' || g || '@applicants.test', 'Applicant ' || lpad(g::text, 6, '0'), 'UTC'
        FROM generate_series(1, %s) g
        """,
        [count],
    )
    countries = "ARRAY[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    skills = "ARRAY[" + ",".join(f"'{s}'" for s in SKILLS) + "]"
    _sql(
        f"""
        INSERT INTO accounts_menteeprofile (public_id, legal_name, pronouns, country,
            github_url, linkedin_url, bio, skills, skills_to_grow, updated_at, user_id)
        SELECT gen_random_uuid(), u.display_name, '', ({countries})[1 + u.id %% 8], '', '',
            'Student and contributor.',
            jsonb_build_array(
                jsonb_build_object('name', ({skills})[1 + u.id %% 8], 'level', 'intermediate'),
                jsonb_build_object('name', ({skills})[1 + (u.id / 8) %% 8],
                    'level', 'beginner')),
            '[]'::jsonb, now(), u.id
        FROM accounts_user u WHERE u.email LIKE 'bench%%@applicants.test'
        """
    )


def _applications(term, count: int, reviewers, *, offset: int = 0) -> None:
    """`count` submitted applications of the first people (from `offset`), one answer
    each, reviewed by `reviewers` (the first always, the second 7 in 10, the third every
    other; 1 in 30 reviews "not acceptable"), then their review columns counted."""
    from programs.prerequisites.models import Prerequisite

    prerequisite = Prerequisite.objects.create(
        organization=term.organization,
        term=term,
        kind="cover_letter",
        title="Cover letter",
        answer_type="text",
    )
    _sql(
        """
        INSERT INTO applications_application (public_id, state, cover_letter, shortlisted,
            created_at, updated_at, submitted_at, applicant_id, cycle_id, organization_id,
            term_id, reviews_counted, reviews_not_acceptable)
        SELECT gen_random_uuid(), 'submitted', 'Cover letter: I want to learn.',
            n %% 10 = 0, now(), now(), now() - make_interval(secs => n * 37), id, %s, %s,
            %s, 0, 0
        FROM (
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user
            WHERE email LIKE 'bench%%@applicants.test' ORDER BY id OFFSET %s LIMIT %s
        ) people
        """,
        [term.cycle_id, term.organization_id, term.pk, offset, count],
    )
    _sql(
        """
        INSERT INTO applications_prerequisiteanswer (text, url, completed_at, updated_at,
            application_id, organization_id, prerequisite_id)
        SELECT 'My motivation number ' || id, '', CASE WHEN id %% 3 = 0 THEN NULL
            ELSE now() END, now(), id, organization_id, %s
        FROM applications_application WHERE term_id = %s
        """,
        [prerequisite.pk, term.pk],
    )
    for index, reviewer in enumerate(reviewers):
        every = ["true", "a.id %% 10 < 7", "a.id %% 2 = 0"][index % 3]
        _sql(
            f"""
            INSERT INTO applications_review (skills, motivation, communication, availability,
                score, not_acceptable, notes, recused, revision, created_at, updated_at,
                application_id, organization_id, reviewer_id, term_id)
            SELECT s1, s2, s3, s4,
                CASE WHEN na THEN NULL ELSE round((s1 + s2 + s3 + s4) / 4.0, 2) END,
                na, 'Notes by reviewer ' || %s, false, 1, now(), now(), id,
                organization_id, %s, term_id
            FROM (
                SELECT a.id, a.organization_id, a.term_id,
                    1 + (a.id * 7 + %s) %% 5 AS s1, 1 + (a.id * 3 + %s) %% 5 AS s2,
                    1 + (a.id * 11 + %s) %% 5 AS s3, 1 + (a.id * 13 + %s) %% 5 AS s4,
                    (a.id + %s) %% 30 = 0 AS na
                FROM applications_application a WHERE a.term_id = %s AND {every}
            ) scored
            """,
            [index, reviewer.pk, index, index, index, index, index, term.pk],
        )
    _sql(
        """
        UPDATE applications_application a SET reviews_counted = t.n,
            reviews_not_acceptable = t.na, reviews_average = t.average
        FROM (
            SELECT application_id, count(*) AS n, count(*) FILTER (WHERE not_acceptable) AS na,
                round(avg(score) FILTER (WHERE NOT not_acceptable), 2) AS average
            FROM applications_review WHERE term_id = %s AND NOT recused
            GROUP BY application_id
        ) t
        WHERE a.id = t.application_id
        """,
        [term.pk],
    )


def _world(sizes) -> dict:
    """The organization, its reviewers and one term per size (plus history), by SQL."""
    from django_scopes import scope, scopes_disabled

    from accounts.organizations.models import Role
    from programs.terms.services.mentors import term_mentor_add
    from tests.conftest import make_tenant
    from tests.factories.accounts import MembershipFactory, UserFactory
    from tests.factories.programs import CycleFactory, ProgramFactory, make_term

    started = time.perf_counter()
    alpha = make_tenant("alpha")
    beta = make_tenant("beta")
    second = UserFactory(email="second.mentor@alpha.test", display_name="Second Mentor")
    MembershipFactory(organization=alpha.organization, user=second, role=Role.MENTOR)
    reviewers = [alpha.coordinator, alpha.mentor, second]
    people = max(max(sizes), HISTORY)
    with scopes_disabled():
        _people(people)
        cycle = CycleFactory(name="Bench cycle")
        past = CycleFactory(name="Past cycle")
        history = make_term(
            ProgramFactory(organization=alpha.organization, name="Past program"),
            past,
            primary_mentor=alpha.mentor,
        )
        _applications(history, HISTORY, reviewers)
        other = make_term(
            ProgramFactory(organization=beta.organization, name="Beta program"),
            cycle,
            primary_mentor=beta.mentor,
        )
        _applications(other, 5_000, [beta.coordinator, beta.mentor], offset=1_000)
        terms = {}
        for size in sizes:
            program = ProgramFactory(organization=alpha.organization, name=f"Bench {size}")
            term = make_term(program, cycle, primary_mentor=alpha.mentor)
            with scope(organization=alpha.organization):
                term_mentor_add(term=term, actor=None, user=second)
            _applications(term, size, reviewers)
            terms[size] = term
    _sql("VACUUM ANALYZE")
    print(f"Data built in {time.perf_counter() - started:.0f} s.")
    return {"alpha": alpha, "terms": terms}


def _existing_world(sizes) -> dict:
    """The data of a previous --keepdb run."""
    from django_scopes import scopes_disabled

    from accounts.organizations.models import Organization
    from programs.terms.models import Term
    from tests.conftest import Tenant

    with scopes_disabled():
        organization = Organization.objects.get(slug="alpha")
        terms = {
            size: Term.objects.get(organization=organization, program__name=f"Bench {size}")
            for size in sizes
        }
    from accounts.people.models import User

    alpha = Tenant(
        organization=organization,
        admin=User.objects.get(email="admin@alpha.test"),
        coordinator=User.objects.get(email="coordinator@alpha.test"),
        mentor=User.objects.get(email="mentor@alpha.test"),
    )
    return {"alpha": alpha, "terms": terms}


# --- measuring ----------------------------------------------------------------------------


def _urls(alpha, term) -> dict[str, tuple[str, str]]:
    """{page: (who, URL)} for one term."""
    from django_scopes import scopes_disabled

    from applications.apply.models import Application

    org = alpha.organization.slug
    with scopes_disabled():
        ids = list(
            Application.objects.filter(term=term).order_by("id").values_list("public_id", flat=True)
        )
    middle = ids[len(ids) // 2]
    dashboard = f"/o/{org}/review/terms/{term.pk}/"
    return {
        "dashboard, first page": ("mentor", dashboard),
        "dashboard, sorted by score": ("mentor", f"{dashboard}?sort=-score"),
        "dashboard, filtered and sorted": (
            "admin",
            f"{dashboard}?state=submitted&skill=Python&score_min=2.5&unreviewed=on&sort=-score",
        ),
        "dashboard, last page": ("mentor", f"{dashboard}?page=last"),
        "applicant page": ("mentor", f"/o/{org}/review/applicants/{middle}/"),
        "term decisions page": ("admin", f"/o/{org}/terms/{term.pk}/decisions/"),
        "csv": ("admin", f"{dashboard}applicants.csv"),
    }


def _timed(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(url)
        if getattr(response, "streaming", False):
            for _ in response.streaming_content:
                pass
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000, len(captured)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _csv_figures(client: Client, url: str) -> dict:
    """Time to the first byte and in all, then (a second request) peak Python memory."""
    start = time.perf_counter()
    response = client.get(url)
    chunks = iter(response.streaming_content)
    next(chunks)
    first = time.perf_counter() - start
    size = sum(len(chunk) for chunk in chunks)
    total = time.perf_counter() - start
    tracemalloc.start()
    response = client.get(url)
    for _ in response.streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"first": first, "total": total, "peak": peak, "bytes": size}


def _measure(world, sizes, rounds: int, runs: int) -> tuple[dict, dict]:
    alpha = world["alpha"]
    # Not setup_test_environment(): its template instrumentation would slow every page.
    clients = {"mentor": Client(HTTP_HOST="localhost"), "admin": Client(HTTP_HOST="localhost")}
    clients["mentor"].force_login(alpha.mentor)
    clients["admin"].force_login(alpha.admin)
    urls = {size: _urls(alpha, world["terms"][size]) for size in sizes}
    times: dict[tuple, list[float]] = {}
    queries: dict[tuple, int] = {}
    for size in sizes:  # warm every page and the caches once
        for who, url in urls[size].values():
            _timed(clients[who], url)
    _timed(clients["mentor"], "/me/")
    for number in range(rounds):
        print(f"  round {number + 1} of {rounds}", flush=True)
        for size in sizes:
            for page in (BASELINE, *TIMED_PAGES):
                who, url = ("mentor", "/me/") if page == BASELINE else urls[size][page]
                for _ in range(runs):
                    elapsed, count = _timed(clients[who], url)
                    times.setdefault((size, page), []).append(elapsed)
                    queries[(size, page)] = max(queries.get((size, page), 0), count)
    results = {
        key: {"median": statistics.median(v), "p95": _p95(v), "queries": queries[key]}
        for key, v in times.items()
    }
    csv = {}
    for size in sizes:
        who, url = urls[size]["csv"]
        csv[size] = _csv_figures(clients[who], url)
        csv[size]["queries"] = _timed(clients[who], url)[1]
    return results, csv


# --- load ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wrk(url: str, cookie: str, seconds: int) -> float:
    answer = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if "Non-2xx or 3xx responses" in answer.stdout:
        raise RuntimeError(f"{url} answered errors under load:\n{answer.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", answer.stdout).group(1))


def _load(world, seconds: int) -> dict[str, float] | None:
    """Requests per second under wrk of /healthz, the dashboard and an applicant page of
    the 1,000-applicant term, served by gunicorn with production settings."""
    if shutil.which("wrk") is None:
        print("wrk is missing (Debian: apt-get install -y wrk): no load figure.")
        return None
    alpha, term = world["alpha"], world["terms"][min(world["terms"])]
    client = Client(HTTP_HOST="localhost")
    client.force_login(alpha.mentor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    urls = _urls(alpha, term)
    port = _free_port()
    static = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # The key that signed the session cookie below.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": _database_url(),
        "STATIC_ROOT": static,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "-w",
            "3",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        for _, path in urls.items():
            if path[0] == "mentor" and not path[1].endswith(".csv"):
                request = urllib.request.Request(base + path[1], headers={"Cookie": cookie})
                with _no_redirects.open(request, timeout=30) as answer:
                    assert answer.status == 200, (path, answer.status)
        figures = {}
        for name, path in (
            ("/healthz", "/healthz"),
            ("dashboard", urls["dashboard, first page"][1]),
            ("applicant page", urls["applicant page"][1]),
        ):
            _wrk(base + path, cookie, 2)  # warm up
            figures[name] = _wrk(base + path, cookie, seconds)
        return figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login page) is an answer to report, not follow


_no_redirects = urllib.request.build_opener(_NoRedirect)


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


# --- report -------------------------------------------------------------------------------


def _report(sizes, results, csv, load) -> list[str]:
    missed = []
    large, small = max(sizes), min(sizes)
    header = "| page | " + " | ".join(f"{s:,}: p95 ms (x baseline)" for s in sizes)
    print("\n" + header + " | queries |")
    print("|---" * (len(sizes) + 2) + "|")
    for page in (BASELINE, *TIMED_PAGES):
        cells = []
        for size in sizes:
            r, base = results[(size, page)], results[(size, BASELINE)]
            cells.append(f"{r['p95']:.1f} ({r['p95'] / base['p95']:.1f})")
        counts = sorted({results[(s, page)]["queries"] for s in sizes})
        print(f"| {page} | " + " | ".join(cells) + f" | {'/'.join(map(str, counts))} |")
        if page == BASELINE:
            continue
        at_large, base = results[(large, page)], results[(large, BASELINE)]
        at_small = results[(small, page)]
        if at_large["p95"] > TARGET_X_BASELINE * base["p95"]:
            missed.append(
                f"{page} at {large:,}: p95 {at_large['p95']:.0f} ms > "
                f"{TARGET_X_BASELINE}x baseline ({base['p95']:.0f} ms)"
            )
        if at_large["p95"] > TARGET_X_SMALL * at_small["p95"]:
            missed.append(
                f"{page} at {large:,}: p95 {at_large['p95']:.0f} ms > {TARGET_X_SMALL}x its "
                f"p95 at {small:,} ({at_small['p95']:.0f} ms)"
            )
    print("\n| CSV export, all rows | first byte s | total s | peak MiB | MB sent | queries |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        c = csv[size]
        print(
            f"| {size:,} | {c['first']:.3f} | {c['total']:.2f} | {c['peak'] / 2**20:.1f} | "
            f"{c['bytes'] / 1e6:.1f} | {c['queries']} |"
        )
    c_large, c_small = csv[large], csv[small]
    if c_large["first"] > CSV_FIRST_BYTE_S:
        missed.append(f"CSV first byte at {large:,}: {c_large['first']:.2f} s")
    if c_large["total"] > CSV_TOTAL_S:
        missed.append(f"CSV at {large:,}: {c_large['total']:.2f} s")
    if c_large["peak"] > CSV_MEMORY_SLACK * c_small["peak"]:
        missed.append(
            f"CSV peak memory at {large:,}: {c_large['peak'] / 2**20:.1f} MiB > "
            f"{c_small['peak'] / 2**20:.1f} MiB at {small:,}"
        )
    if load:
        floor = load["/healthz"]
        print(f"\nUnder load ({small:,} applicants; gunicorn, 3 workers, wrk -c8):")
        for name, rps in load.items():
            print(f"  {name:<16} {rps:8.1f} req/s  {rps / floor:.3f}x /healthz")
        for name, target in LOAD_TARGETS.items():
            if load[name] / floor < target:
                missed.append(f"{name} under load: {load[name] / floor:.3f}x < {target}x")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="applicants per term (1000,10000,50000)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (5)")
    parser.add_argument("--runs", type=int, default=4, help="requests per page per round (4)")
    parser.add_argument("--load-seconds", type=int, default=10, help="wrk seconds per URL (10)")
    parser.add_argument("--no-load", action="store_true", help="skip the load figure")
    parser.add_argument(
        "--keepdb", action="store_true", help="keep the scratch database and reuse it"
    )
    args = parser.parse_args()
    sizes = tuple(sorted(int(s) for s in args.sizes.split(",")))

    old_name = connection.settings_dict["NAME"]
    # Its own name, so that a test run beside it (test_<name>) never collides with it.
    connection.settings_dict["TEST"]["NAME"] = f"bench_{old_name}"
    reuse = False
    if args.keepdb:
        test_name = connection.creation._get_test_db_name()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [test_name])
            reuse = cursor.fetchone() is not None
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    try:
        world = _existing_world(sizes) if reuse else _world(sizes)
        print(f"Measuring {args.rounds} rounds x {args.runs} requests per page and size...")
        results, csv = _measure(world, sizes, args.rounds, args.runs)
        load = None if args.no_load else _load(world, args.load_seconds)
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    missed = _report(sizes, results, csv, load)
    if missed:
        print("\nMISSED:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
