"""Cycles (staff), prerequisites, and time zones in forms and pages."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from programs.cycles.models import Cycle
from programs.cycles.services import cycle_create, cycle_update
from programs.prerequisites.models import Prerequisite
from programs.prerequisites.services import prerequisite_create
from programs.terms.models import Milestone
from tests.conftest import api_client_for, client_for
from tests.factories.programs import make_term
from tests.programs.conftest import JUNE_1

pytestmark = pytest.mark.django_db

OPEN = datetime(2031, 1, 1, 18, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def new_cycle(**fields):
    values = {
        "actor": None,
        "name": "2031 Spring",
        "applications_open_at": OPEN,
        "applications_close_at": OPEN + timedelta(days=30),
        "results_announced_at": OPEN + timedelta(days=40),
    }
    values.update(fields)
    return cycle_create(**values)


# --- cycles ----------------------------------------------------------------------------------


def test_cycle_defaults_follow_the_product():
    cycle = new_cycle()
    assert cycle.max_active_applications == 3
    assert cycle.graduates_may_apply is False
    assert cycle.confirmation_deadline == OPEN + timedelta(days=45)  # 5 days after results
    assert list(cycle.restricted_countries) == []


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"applications_close_at": OPEN}, "applications_close_at"),
        ({"results_announced_at": OPEN + timedelta(days=29)}, "results_announced_at"),
        ({"confirmation_deadline": OPEN + timedelta(days=40)}, "confirmation_deadline"),
        ({"max_active_applications": 0}, "max_active_applications"),
        ({"name": ""}, "name"),
        ({"restricted_countries": ["XX"]}, "restricted_countries"),
    ],
)
def test_bad_cycles_are_refused_with_a_message_on_the_field(fields, field):
    with pytest.raises(ValidationError) as error:
        new_cycle(**fields)
    assert field in error.value.message_dict
    assert not Cycle.objects.exists()


def test_cycle_names_are_unique():
    new_cycle()
    with pytest.raises(ValidationError, match="already exists"):
        new_cycle(name="2031 spring")


def test_a_cycle_window_cannot_shrink_away_from_its_terms(program, cycle_2030):
    make_term(program, cycle_2030, start=JUNE_1)  # applications 27 Apr – 12 May 2030
    with pytest.raises(ValidationError) as error:
        cycle_update(
            cycle=cycle_2030, actor=None, applications_open_at=datetime(2030, 5, 1, tzinfo=UTC)
        )
    assert "outside this window" in error.value.message_dict["applications_open_at"][0]
    cycle_update(
        cycle=cycle_2030, actor=None, applications_open_at=datetime(2030, 4, 1, tzinfo=UTC)
    )


def test_staff_create_a_cycle_in_their_own_time_zone(staff_user):
    staff_user.timezone = "America/New_York"
    staff_user.save()
    client = client_for(staff_user)
    page = client.get("/staff/cycles/").content.decode()
    assert "America/New_York" in page
    response = client.post(
        "/staff/cycles/",
        {
            "name": "2031 Spring",
            "applications_open_at": "2031-01-01T13:00",
            "applications_close_at": "2031-01-31T13:00",
            "results_announced_at": "2031-01-20T13:00",
            "max_active_applications": 3,
        },
    )
    assert "Results can only be announced once the application window has closed" in (
        response.content.decode()
    )
    client.post(
        "/staff/cycles/",
        {
            "name": "2031 Spring",
            "applications_open_at": "2031-01-01T13:00",
            "applications_close_at": "2031-01-31T13:00",
            "results_announced_at": "2031-02-10T13:00",
            "max_active_applications": 3,
            "restricted_countries": ["CU", "IR"],
        },
    )
    cycle = Cycle.objects.get()
    assert cycle.applications_open_at == OPEN  # 13:00 in New York is 18:00 UTC
    assert [c.code for c in cycle.restricted_countries] == ["CU", "IR"]


def test_cycles_are_readable_by_anyone_and_written_by_staff_in_the_api(staff_user, org_a):
    new_cycle()
    assert api_client_for(None).get("/api/v1/programs/cycles/").json()["count"] == 1
    denied = api_client_for(org_a.admin).post("/api/v1/staff/cycles/", {}, format="json")
    assert denied.status_code == 404
    bad = api_client_for(staff_user).post(
        "/api/v1/staff/cycles/",
        {
            "name": "X",
            "applications_open_at": "2031-03-01T18:00:00Z",
            "applications_close_at": "2031-02-01T18:00:00Z",
            "results_announced_at": "2031-04-01T18:00:00Z",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json() == {
        "applications_close_at": ["The application window must close after it opens."]
    }


# --- prerequisites ---------------------------------------------------------------------------


@pytest.fixture
def term(program, cycle_2030):
    return make_term(program, cycle_2030, start=JUNE_1)


def add(term, **fields):
    with scope(organization=term.organization):
        return prerequisite_create(organization=term.organization, actor=None, term=term, **fields)


def test_a_standard_prerequisite_comes_with_its_title_and_answer(term):
    prerequisite = add(term, kind="resume")
    assert (prerequisite.title, prerequisite.answer_type) == ("Resume", "file")
    assert prerequisite.due_for(term) == term.applications_close_at  # the default due date
    with pytest.raises(ValidationError, match="already requires a resume"):
        add(term, kind="resume")


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"title": "x" * 21, "answer_type": "text"}, "title", "at most 20 characters"),
        ({"title": "", "answer_type": "text"}, "title", "short title"),
        ({"title": "Fork", "answer_type": "video"}, "answer_type", "text, a link or a file"),
        (
            {"title": "Fork", "answer_type": "url", "description": "x" * 501},
            "description",
            "at most 500",
        ),
    ],
)
def test_custom_prerequisites_are_checked(term, fields, field, message):
    with pytest.raises(ValidationError) as error:
        add(term, kind="custom", **fields)
    assert message in error.value.message_dict[field][0]


def test_a_later_due_date_must_fall_before_the_results(term):
    with scope(organization=term.organization):
        results = Milestone.objects.get(term=term, kind="results_announced").at
    later = add(term, kind="custom", title="Fork", answer_type="url", due_at=results)
    assert later.due_for(term) == results
    with pytest.raises(ValidationError) as error:
        add(term, kind="custom", title="Late", answer_type="url", due_at=results + timedelta(1))
    assert "no later than the results announcement" in error.value.message_dict["due_at"][0]
    with pytest.raises(ValidationError):
        add(term, kind="custom", title="Early", answer_type="url", due_at=term.applications_open_at)


def test_standing_prerequisites_apply_to_every_term_and_are_not_repeated(org_a, term):
    with scope(organization=org_a.organization):
        prerequisite_create(organization=org_a.organization, actor=None, kind="cover_letter")
    with pytest.raises(ValidationError, match="already required of every term"):
        add(term, kind="cover_letter")
    client = client_for(org_a.admin)
    assert "Cover letter" in client.get(f"/o/alpha/terms/{term.pk}/").content.decode()
    assert "Cover letter" in client.get("/o/alpha/prerequisites/").content.decode()
    with scope(organization=org_a.organization):
        assert Prerequisite.objects.get().term is None


# --- time zones --------------------------------------------------------------------------------


def test_the_timeline_form_takes_local_time_and_names_the_zone(org_a, term):
    org_a.admin.timezone = "Europe/Berlin"
    org_a.admin.save()
    client = client_for(org_a.admin)
    page = client.get(f"/o/alpha/terms/{term.pk}/timeline/").content.decode()
    assert "Europe/Berlin" in page
    assert 'value="2030-07-13T20:00"' in page  # the midterm, 18:00 UTC, in Berlin summer time
    with scope(organization=org_a.organization):
        data = {
            m.kind: f"{m.at.astimezone(BERLIN):%Y-%m-%dT%H:%M}"
            for m in Milestone.objects.filter(term=term)
        }
    data["midterm"] = "2030-07-15T20:00"
    response = client.post(f"/o/alpha/terms/{term.pk}/timeline/", data)
    assert response.status_code == 302
    with scope(organization=org_a.organization):
        moved = Milestone.objects.get(term=term, kind="midterm").at
    assert moved == datetime(2030, 7, 15, 18, tzinfo=UTC)
    detail = client.get(f"/o/alpha/terms/{term.pk}/").content.decode()
    assert "15 Jul 2030, 20:00 Europe/Berlin" in detail


def test_an_out_of_order_move_is_shown_next_to_its_field(org_a, term):
    client = client_for(org_a.admin)
    with scope(organization=org_a.organization):
        data = {m.kind: f"{m.at:%Y-%m-%dT%H:%M}" for m in Milestone.objects.filter(term=term)}
    data["applications_close"] = "2030-06-05T18:00"  # after the term starts
    body = client.post(f"/o/alpha/terms/{term.pk}/timeline/", data).content.decode()
    assert 'id="id_applications_close_error"' in body
    assert "Applications must close before the term starts" in body
