"""The dashboard: filters, sorting, pagination, CSV export of the current filter, and a
query count that does not grow with the applicants."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from applications.apply.models import PrerequisiteAnswer
from applications.review.services import review_save
from programs.prerequisites.models import Prerequisite
from tests.applications.review_data import ReviewWorld, load_applicants, make_applicant
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
SCORES = {"skills": 4, "motivation": 4, "communication": 4, "availability": 4}


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


def _review(w, application, reviewer, score, **extra):
    with scope(organization=w.a.organization):
        values = {k: score for k in SCORES}
        return review_save(application=application, reviewer=reviewer, **values, **extra)


@pytest.fixture
def people(w):
    """Four applicants: varied country, skills, answers, reviews and shortlist."""
    ada = make_applicant(w.term, name="Ada Lovelace", country="GB", skills=["Python", "C"])
    bo = make_applicant(w.term, name="Bo Chen", country="CN", skills=["Rust"])
    cy = make_applicant(w.term, name="Cy Okafor", country="NG", skills=["Go", "Python"])
    di = make_applicant(w.term, name="Di Withdrawn", country="GB", skills=["C"], state="withdrawn")
    with scope(organization=w.a.organization):
        prerequisite = Prerequisite.objects.create(
            organization=w.a.organization,
            term=w.term,
            kind="custom",
            title="Why us",
            answer_type="text",
        )
        PrerequisiteAnswer.objects.create(
            organization=w.a.organization,
            application=cy,
            prerequisite=prerequisite,
            text="I maintain a scheduler for zebrafish labs.",
            completed_at=timezone.now(),
        )
    _review(w, ada, w.a.mentor, 5, notes="Mentor note on Ada.")
    _review(w, ada, w.a.coordinator, 3, notes="Coordinator note on Ada.")
    _review(w, bo, w.a.coordinator, 2)
    bo.shortlisted = True
    bo.save(update_fields=["shortlisted"])
    return {"ada": ada, "bo": bo, "cy": cy, "di": di}


def _names(w, user, **query):
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    page = client_for(user).get(url, query)
    assert page.status_code == 200
    return [a.applicant.name for a in page.context["page"].object_list]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"state": "withdrawn"}, ["Di Withdrawn"]),
        ({"shortlisted": "yes"}, ["Bo Chen"]),
        ({"complete": "yes", "state": "submitted"}, ["Cy Okafor"]),
        ({"skill": "python"}, ["Ada Lovelace", "Cy Okafor"]),
        ({"country": "GB"}, ["Ada Lovelace", "Di Withdrawn"]),
        ({"score_min": "3.5"}, ["Ada Lovelace"]),
        ({"score_max": "3"}, ["Bo Chen"]),
        ({"unreviewed": "on", "state": "submitted"}, ["Bo Chen", "Cy Okafor"]),
        ({"q": "zebrafish"}, ["Cy Okafor"]),
        ({"q": "okafor"}, ["Cy Okafor"]),
    ],
)
def test_filters(w, people, query, expected):
    assert sorted(_names(w, w.a.mentor, **query)) == expected


def test_sorting_by_score_puts_unscored_last_and_any_column_sorts(w, people):
    assert _names(w, w.a.mentor, sort="-score", state="submitted") == [
        "Ada Lovelace",
        "Bo Chen",
        "Cy Okafor",
    ]
    assert _names(w, w.a.mentor, sort="name")[0] == "Ada Lovelace"
    assert _names(w, w.a.mentor, sort="-name")[0] == "Di Withdrawn"
    for key in ("country", "prerequisites", "submitted", "reviews", "reviewed", "other"):
        assert len(_names(w, w.a.mentor, sort=key)) == 4


def test_garbage_in_the_query_string_never_breaks_the_page(w, people):
    names = _names(
        w,
        w.a.mentor,
        sort="applicant__password",
        score_min="x",
        country="ZZ",
        state="nope",
        page="999",
    )
    assert len(names) == 4


def _csv(w, user, **query):
    url = reverse("applications:review-csv", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(user).get(url, query)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.getvalue().decode())))


def test_csv_equals_the_filtered_list(w, people):
    load_applicants(w.term, 90, reviewers=[w.a.coordinator], prefix="csv")
    query = {"state": "submitted", "skill": "Python", "sort": "-score"}
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    listed, cursor = [], {}
    while True:
        page = client_for(w.a.mentor).get(url, {**query, **cursor}).context["page"]
        listed += [str(a.public_id) for a in page.object_list]
        if not page.has_next:
            break
        cursor = {"after": page.next_cursor}
    rows = _csv(w, w.a.mentor, **query)
    assert [row["application"] for row in rows] == listed
    assert len(listed) > 25  # more than one page


def test_csv_holds_only_the_notes_the_viewer_may_read(w, people):
    mentor_rows = {r["name"]: r for r in _csv(w, w.a.mentor)}
    assert "Mentor note on Ada." in mentor_rows["Ada Lovelace"]["notes"]
    assert "Coordinator note" not in "".join(r["notes"] for r in mentor_rows.values())
    admin_rows = {r["name"]: r for r in _csv(w, w.a.admin)}
    assert "Coordinator note on Ada." in admin_rows["Ada Lovelace"]["notes"]
    assert "Mentor note on Ada." in admin_rows["Ada Lovelace"]["notes"]
    assert admin_rows["Ada Lovelace"]["average score"] == "4.00"


def test_csv_hides_scores_of_applicants_the_viewer_is_in_conflict_with(w, people):
    from applications.review.services import conflict_declare

    with scope(organization=w.a.organization):
        conflict_declare(application=people["ada"], reviewer=w.a.mentor, kind="family")
    rows = {r["name"]: r for r in _csv(w, w.a.mentor)}
    ada = rows["Ada Lovelace"]
    assert (ada["average score"], ada["reviews"], ada["notes"]) == ("", "", "")
    assert ada["reviewed by me"] == "conflict"


def _dashboard_queries(w, django_assert_max_num_queries, count):
    client = client_for(w.a.mentor)
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    client.get(url)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url, {"sort": "-score", "skill": "Python", "unreviewed": "on"})
    assert page.status_code == 200
    return len(captured)


def test_dashboard_query_count_is_the_same_at_10_and_1000_applicants(
    w, django_assert_max_num_queries
):
    load_applicants(w.term, 10, reviewers=[w.a.coordinator, w.a.admin], prefix="small")
    small = _dashboard_queries(w, django_assert_max_num_queries, 10)
    load_applicants(w.term, 990, reviewers=[w.a.coordinator, w.a.admin], prefix="large")
    large = _dashboard_queries(w, django_assert_max_num_queries, 1000)
    assert small == large
    assert large <= 12
    client = client_for(w.a.mentor)
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    csv_url = reverse("applications:review-csv", kwargs={"org": w.slug, "term": w.term.pk})
    with django_assert_max_num_queries(12):
        assert client.get(csv_url).status_code == 200


def test_average_is_what_the_dashboard_shows(w, people):
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    page = client_for(w.a.admin).get(url, {"sort": "-score"})
    first = page.context["page"].object_list[0]
    assert first.average_score == Decimal("4.00")
    assert "4.00" in page.content.decode()


def test_csv_is_streamed_and_a_formula_in_a_name_is_neutralized(w, people):
    make_applicant(w.term, name='=HYPERLINK("http://evil.test","click")')
    url = reverse("applications:review-csv", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(w.a.mentor).get(url)
    assert answer.streaming
    rows = list(csv.DictReader(io.StringIO(answer.getvalue().decode())))
    assert '\'=HYPERLINK("http://evil.test","click")' in [r["name"] for r in rows]


def test_the_rows_name_the_country_like_the_filter_does(w, people):
    """The table and its country filter speak the same language: names, not codes."""
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    body = client_for(w.a.admin).get(url).content.decode()
    assert "United Kingdom" in body.split("<tbody", 1)[1]
    assert "GB ·" not in body
