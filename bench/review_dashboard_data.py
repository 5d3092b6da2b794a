"""The scratch data of bench/review_dashboard.py: one organization with a term per size,
reviewers' histories and another organization, written by SQL (generate_series) so a
rerun takes a minute. Imported after django.setup()."""

from __future__ import annotations

import os
import time

from django.db import connection

HISTORY = int(
    os.environ.get("BENCH_HISTORY", "20000")
)  # applicants of a past term, reviewed by the same reviewers
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
