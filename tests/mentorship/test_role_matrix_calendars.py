"""Role matrix of the calendars: every signed-in person has their own calendar page, address
and API (anonymous visitors sign in first); one event downloads only for the person whose
deadline it is (organization A's mentor, for a checkpoint of their mentorship); the feed
answers anyone holding its address, and a wrong address is a 404 for everyone."""

import pytest
from django_scopes import scopes_disabled

from mentorship.calendars.services import calendar_feed_ensure
from mentorship.evaluations.models import Evaluation
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db

OWN_PAGE = {"*": 200, "anonymous": 302}
OWN_API = {"*": 200, "anonymous": 401}


def _mentors_checkpoint(world) -> str:
    with scopes_disabled():
        evaluation = Evaluation.objects.filter(
            mentorship__organization=world.a.organization,
            mentorship__mentors__user=world.a.mentor,
            mentorship__state="active",
            state="pending",
        ).first()
    return f"evaluation-{evaluation.public_id.hex}"


def _mentors_secret(world) -> str:
    return calendar_feed_ensure(user=world.a.mentor).secret


TABLE = [
    row("get", "mentorship:me-calendar", OWN_PAGE, org=False),
    row("post", "mentorship:me-calendar-rotate", {"*": 302}, org=False),
    row("get", "mentorship:me-calendar-rotate", {"*": 405, "anonymous": 302}, org=False),
    row(
        "get",
        "mentorship:me-calendar-event",
        {"*": 404, "mentor": 200, "anonymous": 302},
        org=False,
        event=_mentors_checkpoint,
    ),
    row(
        "get",
        "mentorship:me-calendar-event",
        {"*": 404, "anonymous": 302},
        org=False,
        case="no such event",
        event="evaluation-0123456789abcdef0123456789abcdef",
    ),
    row("get", "mentorship:calendar-feed", {"*": 200}, org=False, secret=_mentors_secret),
    row(
        "get",
        "mentorship:calendar-feed",
        {"*": 404},
        org=False,
        case="wrong address",
        secret="x" * 43,
    ),
    row("get", "api:my-calendar", OWN_API, org=False),
    row("post", "api:my-calendar-new-address", OWN_API, org=False),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_calendars_role_matrix(shared_world, role_clients, cell, role):
    check_cell(shared_world, role_clients, cell, role)
