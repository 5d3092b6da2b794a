"""The decisions page's rows are written in Python (applications/templatetags/
decision_rows.py) for speed: they must be the markup of the template loop they replaced
(kept beside this file), row for row, whatever the row holds (spaces between tags aside)."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.urls import reverse
from django_scopes import scope

from applications.review.services import application_shortlist, conflict_declare, review_save
from tests.applications.review_data import ReviewWorld, make_applicant
from tests.conftest import client_for
from tests.factories.decisions import accept

pytestmark = pytest.mark.django_db

TEMPLATE_LOOP = (Path(__file__).parent / "decision_rows_reference.html").read_text()
SCORES = {"skills": 4, "motivation": 5, "communication": 3, "availability": 4}


def _tags_only(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("who", ["admin", "coordinator"])
def test_the_python_rows_are_the_template_loop_they_replaced(org_a, org_b, cycle, who):
    w = ReviewWorld(org_a, org_b, cycle)
    ada = make_applicant(w.term, name="Ada <b>Lovelace</b>", country="GB")
    bo = make_applicant(w.term, name="Bo Chen", country="CN")
    cy = make_applicant(w.term, name="Cy Okafor", country="NG")
    di = make_applicant(w.term, name="Di Accepted")
    viewer = getattr(w.a, who)
    with scope(organization=w.a.organization):
        review_save(application=ada, reviewer=w.a.coordinator, **SCORES)
        review_save(application=ada, reviewer=w.a.mentor, not_acceptable=True)
        application_shortlist(application=bo, actor=w.a.admin, shortlisted=True)
        conflict_declare(application=cy, reviewer=viewer, kind="close_friend")
    accept(di, w.a.admin)
    url = reverse("applications:term-decisions", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(viewer).get(url)
    rows = answer.context["rows"]
    assert len(rows) == 4 and any(row["can_decline"] for row in rows)
    data = {"rows": rows, "here": "/o/a/?q=x&sort=-score", "csrf_token": "token<&>"}
    engine = engines["django"]
    expected = engine.from_string(TEMPLATE_LOOP).render(data)
    written = engine.from_string("{% load decision_rows %}{% decision_rows rows %}").render(data)
    assert _tags_only(written) == _tags_only(expected)
    assert "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in written and "token&lt;&amp;&gt;" in written
    empty = {"rows": [], "here": "/", "csrf_token": "t"}
    assert _tags_only(
        engine.from_string("{% load decision_rows %}{% decision_rows rows %}").render(empty)
    ) == _tags_only(engine.from_string(TEMPLATE_LOOP).render(empty))
