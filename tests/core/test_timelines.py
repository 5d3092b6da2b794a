"""The timeline drawn on the server: an SVG with role img, a <title> and a <desc> tied to it,
today marked where it falls, numbers that match the list (its text alternative), a drawing
that scales (a viewBox, no fixed width) and only classes for colours (the CSP allows no
inline style). Shown on the public program page, the admin's term page and both
mentorship pages."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.test import Client
from django_scopes import scope

from core.timelines import PAD, WIDTH, timeline_drawing
from tests.conftest import client_for
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

NOW = datetime(2027, 5, 10, 12, 0, tzinfo=UTC)


@dataclass
class Item:
    label: str
    at: datetime


def items(*days):
    return [Item(f"Step {i}", NOW + timedelta(days=d)) for i, d in enumerate(days, start=1)]


def test_today_falls_between_the_points_and_the_description_says_where():
    drawing = timeline_drawing(title="T", items=items(-10, -2, 5, 30), now=NOW)
    xs = [p.x for p in drawing.points]
    assert xs == sorted(xs) and xs[0] == PAD and xs[-1] == WIDTH - PAD
    assert xs[1] < drawing.today_x < xs[2]
    assert [p.is_past for p in drawing.points] == [True, True, False, False]
    assert "4 dates from 30 Apr 2027 to 9 Jun 2027" in drawing.description
    assert "Today, 10 May 2027, falls between Step 2 and Step 3." in drawing.description
    # The list: the past, today, then what is to come, numbered as drawn.
    assert [getattr(e, "number", "today") for e in drawing.entries] == [1, 2, "today", 3, 4]


def test_today_before_or_after_the_span_is_said_and_stays_inside_the_drawing():
    before = timeline_drawing(title="T", items=items(1, 20), now=NOW)
    assert before.today_x == PAD and before.points[0].x > PAD
    assert "comes before the first (Step 1)" in before.description
    long_after = timeline_drawing(title="T", items=items(-400, -300), now=NOW)
    assert long_after.today_x is None  # far away: not drawn, but said
    assert "comes after the last (Step 2)" in long_after.description
    assert timeline_drawing(title="T", items=[], now=NOW).description == "No dates yet."


def test_close_points_put_their_numbers_on_rows_that_do_not_overlap():
    drawing = timeline_drawing(title="T", items=items(0, 0, 0.5, 40), now=NOW)
    rows = [p.number_y for p in drawing.points]
    assert len(set(rows[:3])) == 3  # three numbers at almost one place: three rows
    assert rows[3] == rows[0]  # one far away: back on the first row


def test_the_svg_is_accessible_and_scales():
    html = Template(
        "{% load timelines %}{% timeline dates title='Kernel timeline' name=4 now=now %}"
    ).render(Context({"dates": items(-3, 3), "now": NOW}))
    assert re.search(r'<svg role="img" aria-labelledby="timeline-4-title timeline-4-desc"', html)
    assert '<title id="timeline-4-title">Kernel timeline</title>' in html
    assert '<desc id="timeline-4-desc">2 dates from' in html
    assert 'viewBox="0 0 480 100"' in html and "width=" not in html.split("<svg")[1].split(">")[0]
    assert 'class="today"' in html and ">Today</text>" in html
    assert "style=" not in html and "<script" not in html
    assert '<ol class="timeline">' in html and "<strong>Today ·" in html
    assert '<li value="1" class="past">' in html and '<li value="2">' in html


def _svg_ok(html: str) -> None:
    assert '<svg role="img"' in html
    assert re.search(r"<title id=\"timeline-[\w-]+-title\">", html)
    assert re.search(r"<desc id=\"timeline-[\w-]+-desc\">", html)
    assert 'class="today"' in html  # today marked


@pytest.mark.django_db
def test_the_program_term_and_mentorship_pages_draw_their_timelines(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel")
    term = make_term(program, CycleFactory())
    public = Client().get(f"/programs/{org_a.organization.slug}/{program.slug}/")
    _svg_ok(public.content.decode())
    assert "Timeline of Kernel, " in public.content.decode()
    admin = client_for(org_a.admin).get(f"/o/{org_a.organization.slug}/terms/{term.pk}/")
    _svg_ok(admin.content.decode())
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        mentee = mentorship.mentee
    mine = client_for(mentee).get(f"/me/mentorships/{mentorship.public_id}/").content.decode()
    _svg_ok(mine)
    assert "Timeline of the mentorship of" in mine and "Midterm evaluation · week 6" in mine
    theirs = client_for(org_a.mentor).get(
        f"/o/{org_a.organization.slug}/mentorships/{mentorship.public_id}/"
    )
    _svg_ok(theirs.content.decode())
