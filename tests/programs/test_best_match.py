"""Programs that fit a mentee: open programs ranked by how well their skills meet the
profile's skills and levels, showing which matched; on the catalog page ("best match",
the default when signed in with skills), the start page, and the API (`order=best_match`)."""

import pytest

from accounts.people.models import MenteeProfile
from programs.catalog.matching import program_match, rank_programs
from programs.programs.models import Skill
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills(db):
    return {n: Skill.objects.create(name=n, slug=n.lower()) for n in ("Rust", "Go", "C", "Python")}


@pytest.fixture
def programs(org_a, org_b, cycle_now, skills):
    made = {
        "rust": ProgramFactory(
            organization=org_a.organization, name="Alpha Rust", skills=[skills["Rust"]]
        ),
        "go-c": ProgramFactory(
            organization=org_b.organization, name="Beta Go", skills=[skills["Go"], skills["C"]]
        ),
        "python": ProgramFactory(
            organization=org_b.organization, name="Beta Python", skills=[skills["Python"]]
        ),
    }
    for program in made.values():
        make_term(program, cycle_now)
    return made


@pytest.fixture
def mentee(db):
    user = UserFactory(email="mina@mentee.test")
    MenteeProfile.objects.create(
        user=user,
        skills=[{"name": "go", "level": "expert"}, {"name": "C", "level": "beginner"}],
        skills_to_grow=["Rust"],
    )
    return user


def test_a_programs_score_weighs_the_level_of_each_matched_skill(programs, mentee):
    profile = MenteeProfile.objects.get(user=mentee)
    go_c = program_match(programs["go-c"], profile)
    assert go_c.score == round(100 * (4 + 1) / 8)  # expert Go, beginner C, out of 2 × 4
    assert [(m.name, m.level) for m in go_c.matched] == [("C", "Beginner"), ("Go", "Expert")]
    rust = program_match(programs["rust"], profile)
    assert rust.score == 25 and rust.matched[0].level == "wants to learn"
    assert program_match(programs["python"], profile).score == 0
    ranked = [m.program.name for m in rank_programs(programs.values(), profile)]
    assert ranked == ["Beta Go", "Alpha Rust", "Beta Python"]


def test_the_catalog_defaults_to_best_match_when_signed_in_and_shows_what_matched(programs, mentee):
    response = client_for(mentee).get("/programs/")
    names = [p.name for p in response.context["page"].object_list]
    assert names == ["Beta Go", "Alpha Rust", "Beta Python"]
    body = response.content.decode()
    assert "62% match" in body and "Go · Expert" in body
    assert 'value="best_match" selected' in body  # the box says the order the list has


def test_visitors_get_name_order_and_cannot_ask_for_best_match(programs):
    response = client_for(None).get("/programs/")
    assert [p.name for p in response.context["page"].object_list] == [
        "Alpha Rust",
        "Beta Go",
        "Beta Python",
    ]
    assert "best_match" not in response.content.decode()
    assert api_client_for(None).get("/api/v1/programs/", {"order": "best_match"}).status_code == 400


def test_the_api_orders_by_best_match_with_scores_and_matched_skills(programs, mentee):
    answer = api_client_for(mentee).get("/api/v1/programs/", {"order": "best_match"})
    assert answer.status_code == 200, answer.content
    rows = answer.json()["results"]
    assert [r["name"] for r in rows] == ["Beta Go", "Alpha Rust", "Beta Python"]
    assert rows[0]["match_score"] == 62 and rows[0]["matched_skills"] == ["C", "Go"]
    plain = api_client_for(mentee).get("/api/v1/programs/").json()["results"]
    assert [r["name"] for r in plain] == ["Alpha Rust", "Beta Go", "Beta Python"]
    assert plain[0]["match_score"] is None


def test_the_start_page_suggests_only_programs_sharing_a_skill(programs, mentee):
    body = client_for(mentee).get("/").content.decode()
    assert "Programs that fit your skills" in body
    assert "Beta Go" in body and "Alpha Rust" in body and "Beta Python" not in body
