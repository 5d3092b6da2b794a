"""The isolation world (two organizations full of objects): every person of organization A
reads, in their calendar feed, their calendar page and the calendar API, nothing that names
a row of organization B (its marker, public ids, also as the hex of event UIDs), while B's
own mentor does find B's rows in theirs (so the check can fail)."""

import uuid

import pytest
from django.test import Client

from mentorship.calendars.services import calendar_feed_ensure
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import signed_in
from tests.isolation.world import FOREIGN_MARKER

pytestmark = pytest.mark.django_db


def _names_of_b(traces) -> set[str]:
    names = set(traces.strings)
    for text in traces.strings:
        try:
            names.add(uuid.UUID(text).hex)
        except ValueError:
            pass
    return names


def _everything_shown_to(user) -> str:
    feed = calendar_feed_ensure(user=user)
    client = signed_in(user)
    parts = [
        Client().get(f"/calendars/{feed.secret}.ics").content.decode(),
        client.get("/me/calendar/").content.decode(),
        client.get("/api/v1/me/calendar/").content.decode(),
    ]
    return "\n".join(parts).lower()


@pytest.mark.parametrize("role", ["admin", "coordinator", "mentor", "staff", "stranger"])
def test_people_of_a_see_nothing_of_b_in_their_calendar(role, shared_world, traces):
    shown = _everything_shown_to(shared_world.user(role))
    leaks = sorted(name for name in _names_of_b(traces) if name in shown)
    assert not leaks, leaks


def test_bs_mentor_sees_bs_checkpoints_so_the_check_has_teeth(shared_world, traces):
    shown = _everything_shown_to(shared_world.b.mentor)
    assert "begin:vevent" in shown
    assert FOREIGN_MARKER in shown or any(name in shown for name in _names_of_b(traces))
