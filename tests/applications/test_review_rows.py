"""The dashboard's rows are written in Python (applications/templatetags/review_rows.py)
for speed: they must be the very markup of the template loop they replaced (kept below),
row for row, whatever the row holds."""

from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django_scopes import scope

from accounts.people.models import MenteeProfile
from applications.review.selectors import access
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.services import application_shortlist, conflict_declare, review_save
from applications.review.views.dashboard import row_urls
from tests.applications.review_data import ReviewWorld, make_applicant

pytestmark = pytest.mark.django_db

# The template loop of templates/applications/review/_rows.html before it was written in
# Python, kept as the reference.
TEMPLATE_LOOP = (Path(__file__).parent / "review_rows_reference.html").read_text()
SCORES = {"skills": 4, "motivation": 5, "communication": 3, "availability": 4}


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


@pytest.mark.parametrize("who", ["mentor", "admin"])
def test_the_python_rows_are_the_template_loop_they_replaced(w, who):
    ada = make_applicant(w.term, name="Ada <b>Lovelace</b>", country="GB", skills=["C", "R&D"])
    bo = make_applicant(w.term, name="Bo Chen", country="CN", skills=[])
    cy = make_applicant(w.term, name="Cy Okafor", country="NG")
    di = make_applicant(w.term, name="Di Withdrawn", state="withdrawn")
    MenteeProfile.objects.filter(user=cy.applicant).delete()  # no profile at all
    viewer = getattr(w.a, who)
    with scope(organization=w.a.organization):
        review_save(application=ada, reviewer=w.a.coordinator, **SCORES)
        review_save(application=ada, reviewer=w.a.mentor, not_acceptable=True)
        review_save(application=bo, reviewer=w.a.coordinator, **SCORES)
        application_shortlist(application=bo, actor=w.a.admin, shortlisted=True)
        conflict_declare(application=cy, reviewer=viewer, kind="close_friend")
        context = access.review_term_get(user=viewer, organization=w.a.organization, pk=w.term.pk)
        rows = list(selectors_dashboard.term_applicants(context=context))
        row_urls(w.a.organization, rows)
    assert {r.pk for r in rows} == {ada.pk, bo.pk, cy.pk, di.pk}
    request = RequestFactory().get("/")
    request.user = viewer
    data = {
        "rows": rows,
        "reviewer": context,
        "required": context.required_prerequisites,
        "here": "/o/a/?q=x&sort=-score",
        "csrf_token": "token<&>",
    }
    engine = engines["django"]
    expected = engine.from_string(TEMPLATE_LOOP).render(data)
    written = engine.from_string("{% load review_rows %}{% applicant_rows rows %}").render(data)
    assert written == expected
    assert "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in written and "R&amp;D" in written
