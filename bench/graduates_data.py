"""The scratch data of bench/graduates.py, written by SQL (``INSERT ... SELECT
generate_series``): published graduate profiles for the directory, and a platform of
1,000,000 applications for the statistics job. Imported after django.setup()."""

from __future__ import annotations

import time

from django.db import connection

SKILLS = ["Rust", "Go", "Python", "C", "Kubernetes", "TypeScript", "Linux kernel", "eBPF"]
PROGRAMS = ["Kernel Mentorship", "Rust for Linux", "Cloud Native Storage", "Observability"]
ORGANIZATIONS = ["Aurora Kernel Community", "Borealis Cloud Foundation", "Cirrus", "Delta"]
COUNTRIES = ["DE", "BR", "IN", "US", "NG", "FR", "JP", "KE"]
WORDS = ["drivers", "scheduler", "storage", "tracing", "networking", "filesystem", "compiler"]


def _sql(query, params=None):
    """Runs `query`; with `params` (even empty) `%%` stands for `%`, without it `%` is `%`."""
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.rowcount


def _array(values):
    return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"


def directory_world(profiles: int):
    """`profiles` published profiles (a quarter public) and one approved employer; returns
    the employer's member."""
    from mentorship.graduates.models import Employer, EmployerMember, EmployerStatus
    from tests.factories.accounts import UserFactory

    print(f"Building {profiles:,} published graduate profiles...", flush=True)
    started = time.perf_counter()
    _sql("SET statement_timeout = 0")  # building only; RESET before anything is measured
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
            show_project, show_links, show_availability, show_resume, visibility,
            published_at, updated_at, program_names, organization_names, years)
        SELECT gen_random_uuid(), u.id, u.display_name,
            ({words})[1 + u.id % 7] || ' and ' || ({words})[1 + (u.id / 7) % 7],
            ({skills})[1 + u.id % 8] || ' (advanced), ' || ({skills})[1 + (u.id / 8) % 8],
            'Worked on ' || ({words})[1 + (u.id / 3) % 7] || ' upstream.', '',
            u.id % 3 <> 0, ({countries})[1 + (u.id / 5) % 8], u.id % 2 = 0,
            true, true, true, true, false,
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
    _sql("RESET statement_timeout")
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
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return person


def stats_world(applications: int, *, organizations: int = 50, cycles: int = 20) -> dict:
    """A platform of `applications` applications: `cycles` cycles × `organizations`
    organizations × 2 programs (a term each per cycle), 200,000 applicants, 5 % drafts,
    one in eight accepted and confirmed (a mentorship; 80 % graduated), each graduated
    mentorship with a stipend plan of two installments, both paid (USD, or EUR for one
    organization in five). Returns the row counts."""
    print(f"Building {applications:,} applications for the statistics...", flush=True)
    started = time.perf_counter()
    _sql("SET statement_timeout = 0")  # building only; RESET before anything is measured
    _sql(
        """
        INSERT INTO accounts_organization (slug, name, description, website, logo,
            logo_content_type, created_at)
        SELECT 'bench-org-' || g, 'Bench Organization ' || lpad(g::text, 3, '0'), '', '', '',
            '', now()
        FROM generate_series(1, %s) g
        """,
        [organizations],
    )
    _sql(
        """
        INSERT INTO programs_cycle (name, applications_open_at, applications_close_at,
            results_announced_at, confirmation_deadline, max_active_applications,
            graduates_may_apply, restricted_countries, created_at, match_seed, selection_mode)
        SELECT 'Bench cycle ' || lpad(g::text, 2, '0'), t, t + interval '30 days',
            t + interval '40 days', t + interval '50 days', 3, false, '', now(), g, 'direct'
        FROM generate_series(1, %s) g,
            LATERAL (SELECT timestamptz '2012-01-15 18:00Z' + g * interval '180 days' AS t) x
        """,
        [cycles],
    )
    _sql(
        """
        INSERT INTO programs_program (name, slug, description, repository_url, website_url,
            code_of_conduct_url, logo, logo_content_type, status, rejection_reason, created_at,
            updated_at, organization_id)
        SELECT 'Bench program ' || p, 'bench-program-' || p, '', '', '', '', '', '',
            'approved', '', now(), now(), o.id
        FROM accounts_organization o, generate_series(1, 2) p
        WHERE o.slug LIKE 'bench-org-%%'
        """,
        [],
    )
    terms = _sql(
        """
        INSERT INTO programs_term (kind, capacity, applications_open_at,
            applications_close_at, starts_at, ends_at, created_at, cycle_id, organization_id,
            program_id)
        SELECT 'full_time', 100, c.applications_open_at, c.applications_close_at,
            c.confirmation_deadline + interval '7 days',
            c.confirmation_deadline + interval '91 days', now(), c.id, p.organization_id, p.id
        FROM programs_cycle c, programs_program p
        WHERE c.name LIKE 'Bench cycle %%' AND p.slug LIKE 'bench-program-%%'
        """,
        [],
    )
    people = 200_000
    _sql(
        """
        INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined,
            public_id, email, display_name, timezone)
        SELECT '!', false, false, true, now(), gen_random_uuid(),
            'stat' || g || '@bench.test', 'Applicant ' || g, 'UTC'
        FROM generate_series(1, %s) g
        """,
        [people],
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM accounts_user WHERE email LIKE 'stat%%@bench.test'")
        first = cursor.fetchone()[0]
    per_term = applications // terms
    made = _sql(
        """
        INSERT INTO applications_application (public_id, state, cover_letter, shortlisted,
            created_at, updated_at, submitted_at, applicant_id, cycle_id, organization_id,
            term_id, reviews_counted, reviews_not_acceptable)
        SELECT gen_random_uuid(),
            CASE WHEN n %% 20 = 19 THEN 'draft' WHEN n %% 8 = 1 THEN 'accepted'
                WHEN n %% 8 = 2 THEN 'declined' ELSE 'submitted' END,
            '', false, now(), now(), now(), %s + (t.rn * %s + n) %% %s,
            t.cycle_id, t.organization_id, t.id, 0, 0
        FROM (SELECT id, cycle_id, organization_id, row_number() OVER (ORDER BY id) AS rn
              FROM programs_term WHERE program_id IN
                  (SELECT id FROM programs_program WHERE slug LIKE 'bench-program-%%')) t,
            generate_series(0, %s - 1) n
        """,
        [first, per_term, people, per_term],
    )
    mentorships = _sql(
        """
        INSERT INTO mentorship_mentorship (public_id, state, starts_at, midterm_at, final_at,
            ends_at, created_at, updated_at, end_reason, application_id, mentee_id,
            organization_id, term_id, extension_weeks)
        SELECT gen_random_uuid(), CASE WHEN a.id %% 10 < 8 THEN 'graduated' ELSE 'failed' END,
            t.starts_at, t.starts_at + interval '42 days', t.starts_at + interval '84 days',
            t.ends_at, now(), now(), '', a.id, a.applicant_id, a.organization_id, a.term_id, 0
        FROM applications_application a JOIN programs_term t ON t.id = a.term_id
        WHERE a.state = 'accepted' AND t.program_id IN
            (SELECT id FROM programs_program WHERE slug LIKE 'bench-program-%%')
        """,
        [],
    )
    currency = "CASE WHEN m.organization_id %% 5 = 0 THEN 'EUR' ELSE 'USD' END"
    _sql(
        f"""
        INSERT INTO payments_stipendplan (public_id, kind, country, pending, total, currency,
            created_at, mentorship_id, organization_id, program_id)
        SELECT gen_random_uuid(), 'flat', 'IN', false, 3000, {currency}, now(), m.id,
            m.organization_id, t.program_id
        FROM mentorship_mentorship m JOIN programs_term t ON t.id = m.term_id
        WHERE m.state = 'graduated' AND t.program_id IN
            (SELECT id FROM programs_program WHERE slug LIKE 'bench-program-%%')
        """,
        [],
    )
    _sql(
        """
        INSERT INTO payments_installment (public_id, number, checkpoint, percent, amount,
            currency, organization_id, plan_id)
        SELECT gen_random_uuid(), i, CASE WHEN i = 1 THEN 'midterm' ELSE 'final' END, 50,
            1500, p.currency, p.organization_id, p.id
        FROM payments_stipendplan p, generate_series(1, 2) i
        WHERE p.program_id IN
            (SELECT id FROM programs_program WHERE slug LIKE 'bench-program-%%')
        """,
        [],
    )
    payouts = _sql(
        """
        INSERT INTO payments_payout (public_id, state, amount, currency, reference, reason,
            created_at, updated_at, paid_on, paid_at, installment_id, mentorship_id,
            organization_id, program_id, term_id)
        SELECT gen_random_uuid(), 'paid', i.amount, i.currency, 'BENCH', '', now(), now(),
            t.ends_at::date, t.ends_at, i.id, m.id, m.organization_id, t.program_id, t.id
        FROM payments_installment i JOIN payments_stipendplan p ON p.id = i.plan_id
            JOIN mentorship_mentorship m ON m.id = p.mentorship_id
            JOIN programs_term t ON t.id = m.term_id
        WHERE t.program_id IN
            (SELECT id FROM programs_program WHERE slug LIKE 'bench-program-%%')
        """,
        [],
    )
    _sql("RESET statement_timeout")
    for table in (
        "applications_application",
        "mentorship_mentorship",
        "programs_term",
        "payments_payout",
    ):
        _sql(f"ANALYZE {table}")
    print(
        f"  {made:,} applications in {terms:,} terms, {mentorships:,} mentorships, "
        f"{payouts:,} paid payouts; built in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return {"applications": made, "mentorships": mentorships, "payouts": payouts}
