"""The public catalog, program pages and the organization dashboard: what they show, their
filters, and a constant number of queries at 5 and 500 programs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programs.prerequisites.services import prerequisite_create
from programs.programs.models import Program, ProgramStatus, Skill
from programs.terms.models import Milestone, Term
from programs.terms.services.terms import term_close_applications
from programs.terms.timeline import is_required, preset_instants
from tests.conftest import api_client_for, client_for
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db


def bulk_programs(organization, cycle, n: int, skill: Skill, first: int = 0) -> None:
    """n approved programs, each with a term accepting applications and its 12 milestones
    (rows written in bulk: these tests measure reads)."""
    start = timezone.now().date() + timedelta(days=30)
    instants = preset_instants("full_time", start)
    with scopes_disabled():
        programs = Program.objects.bulk_create(
            Program(
                organization=organization,
                name=f"Bulk {i:04}",
                slug=f"bulk-{i:04}",
                description="Bulk program about kernels.",
                status=ProgramStatus.APPROVED,
            )
            for i in range(first, first + n)
        )
        Program.skills.through.objects.bulk_create(
            Program.skills.through(program_id=p.pk, skill_id=skill.pk) for p in programs
        )
        terms = Term.objects.bulk_create(
            Term(
                organization=organization,
                program=p,
                cycle=cycle,
                kind="full_time",
                capacity=2,
                applications_open_at=instants["applications_open"],
                applications_close_at=instants["applications_close"],
                starts_at=instants["term_start"],
                ends_at=instants["term_end"],
            )
            for p in programs
        )
        Milestone.objects.bulk_create(
            Milestone(organization=organization, term=t, kind=k, at=at, required=is_required(k))
            for t in terms
            for k, at in instants.items()
        )


@pytest.fixture
def catalog(org_a, org_b, cycle_now, cycle_2030):
    rust, go = (
        Skill.objects.create(name="Rust", slug="rust"),
        Skill.objects.create(name="Go", slug="go"),
    )
    kernel = ProgramFactory(
        organization=org_a.organization,
        name="Kernel Mentorship",
        description="Fix scheduler bugs in the kernel.",
        skills=[rust],
    )
    make_term(kernel, cycle_now, capacity=4, primary_mentor=org_a.mentor)
    cloud = ProgramFactory(
        organization=org_b.organization,
        name="Cloud Operators",
        description="Write Kubernetes operators.",
        skills=[go],
    )
    make_term(cloud, cycle_now, kind="part_time")
    # Not in the catalog: unpublished, no term accepting, or closed early.
    for status in (ProgramStatus.DRAFT, ProgramStatus.SUBMITTED, ProgramStatus.REJECTED):
        hidden = ProgramFactory(organization=org_a.organization, name=f"Hidden {status}")
        make_term(hidden, cycle_now)
        Program.objects.with_scopes_disabled().filter(pk=hidden.pk).update(status=status)
    later = ProgramFactory(organization=org_a.organization, name="Hidden later")
    make_term(later, cycle_2030, start=timezone.now().date().replace(year=2030, month=6, day=1))
    closed = ProgramFactory(organization=org_a.organization, name="Hidden closed")
    with scope(organization=org_a.organization):
        term_close_applications(term=make_term(closed, cycle_now), actor=None)
    return {"kernel": kernel, "cloud": cloud, "rust": rust, "go": go}


def names(response) -> list[str]:
    """The programs of the catalog's list (accepting applications)."""
    listed = [p.name for p in response.context["page"].object_list]
    return [n for n in ("Kernel Mentorship", "Cloud Operators") if n in listed] + [
        "HIDDEN" for n in listed if n.startswith("Hidden ")
    ]


def test_the_catalog_lists_published_programs_with_a_term_accepting_applications(client, catalog):
    response = client.get("/programs/")
    assert names(response) == ["Kernel Mentorship", "Cloud Operators"]
    # Published programs not accepting applications now are listed apart, with their phase;
    # unpublished ones nowhere.
    assert [p.name for p in response.context["others"]] == ["Hidden closed", "Hidden later"]
    body = response.content.decode()
    assert "Published programs not accepting applications now" in body
    assert "Hidden draft" not in body and "Hidden submitted" not in body


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=kernels", ["Kernel Mentorship"]),  # full-text: stems "kernels" to "kernel"
        ("q=scheduler+bug", ["Kernel Mentorship"]),
        ("q=operators", ["Cloud Operators"]),
        ("q=rust", ["Kernel Mentorship"]),  # a skill's name
        ("q=beta", ["Cloud Operators"]),  # the organization's name
        ("q=nothing+like+this", []),
        ("skill=go", ["Cloud Operators"]),
        ("organization=alpha", ["Kernel Mentorship"]),
        ("kind=part_time", ["Cloud Operators"]),
        ("kind=full_time&skill=rust", ["Kernel Mentorship"]),
    ],
)
def test_catalog_search_and_filters(client, catalog, query, expected):
    assert names(client.get(f"/programs/?{query}")) == expected
    api = api_client_for(None).get(f"/api/v1/programs/?{query}").json()
    assert sorted(p["name"] for p in api["results"]) == sorted(expected)


def test_search_is_postgres_full_text_search():
    assert connection.vendor == "postgresql"  # the SQLite smoke run covers the fallback


def test_the_program_page_shows_terms_capacity_mentors_prerequisites_and_milestones(
    client, org_a, catalog
):
    kernel = catalog["kernel"]
    with scope(organization=org_a.organization):
        prerequisite_create(organization=org_a.organization, actor=None, kind="resume")
        term = Term.objects.get(program=kernel)
        prerequisite_create(
            organization=org_a.organization,
            actor=None,
            term=term,
            kind="custom",
            title="Patch",
            answer_type="url",
        )
    body = client.get("/programs/alpha/kernel-mentorship/").content.decode()
    assert "Fix scheduler bugs in the kernel." in body
    assert "4 mentee slots" in body and "Accepting applications" in body
    assert org_a.mentor.name in body and "(primary)" in body
    assert "Resume" in body and "Patch" in body
    for label in ("Applications open", "Applications close", "Midterm evaluation due", "Term ends"):
        assert label in body
    assert "UTC" in body  # the zone is named
    api = api_client_for(None).get("/api/v1/programs/alpha/kernel-mentorship/").json()
    assert api["terms"][0]["capacity"] == 4
    assert [p["title"] for p in api["terms"][0]["prerequisites"]] == ["Resume", "Patch"]
    assert len(api["terms"][0]["milestones"]) == 12


def test_an_unpublished_program_page_is_a_404_to_visitors(client, org_a, catalog):
    assert client.get("/programs/alpha/hidden-draft/").status_code == 404
    preview = client_for(org_a.coordinator).get("/programs/alpha/hidden-draft/")
    assert preview.status_code == 200 and "Preview" in preview.content.decode()
    assert client.get("/programs/beta/kernel-mentorship/").status_code == 404


@pytest.mark.parametrize("url", ["/programs/", "/programs/?q=kernel", "/api/v1/programs/"])
def test_catalog_queries_do_not_grow_with_programs(
    client, org_a, cycle_now, url, django_assert_max_num_queries
):
    skill = Skill.objects.create(name="C", slug="c")
    bulk_programs(org_a.organization, cycle_now, 5, skill)
    with django_assert_max_num_queries(8) as small:
        assert client.get(url).status_code == 200
    bulk_programs(org_a.organization, cycle_now, 495, skill, first=5)  # now 500
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(url)
    assert response.status_code == 200 and "Bulk 0000" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_dashboard_shows_programs_terms_phase_counts_and_next_milestone(org_a, catalog):
    body = client_for(org_a.mentor).get("/o/alpha/").content.decode()
    assert "Kernel Mentorship" in body and "Approved (published)" in body
    assert "Hidden submitted" in body and "Waiting for staff approval" in body
    assert "Accepting applications" in body and "0 / 4" in body
    assert "Applications close:" in body
    assert "Cloud Operators" not in body  # another tenant's
    assert "Members" in body  # the members section stays


def test_dashboard_queries_do_not_grow_with_programs(
    org_a, cycle_now, django_assert_max_num_queries
):
    client = client_for(org_a.admin)
    skill = Skill.objects.create(name="C", slug="c")
    bulk_programs(org_a.organization, cycle_now, 5, skill)
    with django_assert_max_num_queries(20) as small:
        assert client.get("/o/alpha/").status_code == 200
    bulk_programs(org_a.organization, cycle_now, 495, skill, first=5)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        body = client.get("/o/alpha/").content.decode()
    assert body.count("Accepting applications") == 500
    assert len(large.captured_queries) == len(small.captured_queries)
