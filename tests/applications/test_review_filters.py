"""The dashboard's one FilterSet: a query string gives the same applicants, in the same
order, on the page, through the API list and in both CSV exports; invalid values are
ignored on the page and answered with 400 by the API."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from rest_framework.test import APIClient

from applications.apply.models import PrerequisiteAnswer
from applications.review.services import conflict_declare, review_save
from programs.prerequisites.models import Prerequisite
from tests.applications.review_data import ReviewWorld, make_applicant
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


def _review(w, application, reviewer, score):
    with scope(organization=w.a.organization):
        values = dict.fromkeys(("skills", "motivation", "communication", "availability"), score)
        review_save(application=application, reviewer=reviewer, **values)


@pytest.fixture
def people(w):
    ada = make_applicant(w.term, name="Ada Lovelace", country="GB", skills=["Python", "C"])
    bo = make_applicant(w.term, name="Bo Chen", country="CN", skills=["Rust"])
    cy = make_applicant(w.term, name="Cy Okafor", country="NG", skills=["Go", "Python"])
    di = make_applicant(w.term, name="Di Withdrawn", country="GB", skills=["C"], state="withdrawn")
    eve = make_applicant(w.term, name="Eve Conflicted", country="GB", skills=["Python"])
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
        conflict_declare(application=eve, reviewer=w.a.mentor, kind="family")
    _review(w, ada, w.a.mentor, 5)
    _review(w, ada, w.a.coordinator, 3)
    _review(w, bo, w.a.coordinator, 2)
    _review(w, eve, w.a.coordinator, 4)
    bo.shortlisted = True
    bo.save(update_fields=["shortlisted"])
    return {"ada": ada, "bo": bo, "cy": cy, "di": di, "eve": eve}


def _page(w, user, query):
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(user).get(url, query)
    assert answer.status_code == 200
    return [str(a.public_id) for a in answer.context["page"].object_list]


def _page_csv(w, user, query):
    url = reverse("applications:review-csv", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(user).get(url, query)
    assert answer.status_code == 200
    return [row["application"] for row in csv.DictReader(io.StringIO(answer.getvalue().decode()))]


def _api(w, user, query):
    url = f"/api/v1/orgs/{w.slug}/review/terms/{w.term.pk}/applicants/"
    answer = api_client_for(user).get(url, query)
    assert answer.status_code == 200, answer.content
    return [row["id"] for row in answer.json()["results"]]


def _api_csv(w, user, query):
    url = f"/api/v1/orgs/{w.slug}/review/terms/{w.term.pk}/applicants.csv"
    answer = api_client_for(user).get(url, query)
    assert answer.status_code == 200, answer.content
    return [row["application"] for row in csv.DictReader(io.StringIO(answer.getvalue().decode()))]


def _everywhere(w, user, query) -> list[str]:
    """The applicants' ids for the query, after checking all four give the same ones."""
    page = _page(w, user, query)
    assert _page_csv(w, user, query) == page
    assert _api(w, user, query) == page
    assert _api_csv(w, user, query) == page
    return page


QUERIES = [
    ({}, {"ada", "bo", "cy", "di", "eve"}),
    ({"state": "withdrawn"}, {"di"}),
    ({"shortlisted": "yes"}, {"bo"}),
    ({"shortlisted": "true"}, {"bo"}),
    ({"shortlisted": "no", "state": "submitted"}, {"ada", "cy", "eve"}),
    ({"complete": "yes", "state": "submitted"}, {"cy"}),
    ({"complete": "false", "state": "submitted"}, {"ada", "bo", "eve"}),
    ({"skill": "python"}, {"ada", "cy", "eve"}),
    ({"country": "GB"}, {"ada", "di", "eve"}),
    # The mentor declared a conflict with Eve: her score is hidden, so no score range
    # holds her.
    ({"score_min": "3.5"}, {"ada"}),
    ({"score_max": "3"}, {"bo"}),
    ({"unreviewed": "on", "state": "submitted"}, {"bo", "cy"}),
    ({"unreviewed": "true", "state": "submitted"}, {"bo", "cy"}),
    ({"unreviewed": "0", "state": "submitted"}, {"ada", "bo", "cy", "eve"}),
    ({"q": "zebrafish"}, {"cy"}),
    ({"q": "okafor"}, {"cy"}),
    ({"sort": "name"}, {"ada", "bo", "cy", "di", "eve"}),
    ({"sort": "-score", "state": "submitted", "skill": "Python"}, {"ada", "cy", "eve"}),
]


@pytest.mark.parametrize("query, expected", QUERIES)
def test_one_query_string_gives_the_same_rows_on_the_page_the_api_and_the_csv(
    w, people, query, expected
):
    ids = _everywhere(w, w.a.mentor, query)
    assert set(ids) == {str(people[name].public_id) for name in expected}


def test_the_order_is_the_same_everywhere_and_defaults_to_newest_first(w, people):
    by_name = _everywhere(w, w.a.mentor, {"sort": "name"})
    names = ["ada", "bo", "cy", "di", "eve"]
    assert by_name == [str(people[name].public_id) for name in names]
    newest_first = _everywhere(w, w.a.mentor, {})
    assert newest_first == _everywhere(w, w.a.mentor, {"sort": "-submitted"})
    # Unscored applicants (and the conflicted one, whose score is hidden) come last.
    by_score = _everywhere(w, w.a.mentor, {"sort": "-score", "state": "submitted"})
    assert by_score[:2] == [str(people["ada"].public_id), str(people["bo"].public_id)]


@pytest.mark.parametrize(
    "field, value",
    [("sort", "applicant__password"), ("score_min", "x"), ("shortlisted", "maybe")],
)
def test_an_invalid_filter_is_ignored_on_the_page_and_a_400_from_the_api(w, people, field, value):
    everyone = _page(w, w.a.mentor, {})
    assert _page(w, w.a.mentor, {field: value, "state": "submitted"}) == [
        pk for pk in everyone if pk != str(people["di"].public_id)
    ]
    api = api_client_for(w.a.mentor)
    base = f"/api/v1/orgs/{w.slug}/review/terms/{w.term.pk}"
    for url in (f"{base}/applicants/", f"{base}/applicants.csv"):
        answer = api.get(url, {field: value})
        assert answer.status_code == 400 and field in answer.json()


def test_the_page_form_keeps_its_fields_labels_and_the_term_countries(w, people):
    # Building the schema builds the class's filter fields; the page's own choices hold.
    assert api_client_for(w.a.admin).get("/api/schema/?format=json").status_code == 200
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(w.a.mentor).get(url)
    form = answer.context["filterset"].form
    assert list(form.fields) == [
        "q",
        "state",
        "shortlisted",
        "complete",
        "skill",
        "country",
        "score_min",
        "score_max",
        "unreviewed",
        "sort",
    ]
    # The select shows the term's countries; the field takes any country.
    assert [code for code, _ in form.fields["country"].widget.choices] == ["", "CN", "NG", "GB"]
    assert len(form.fields["country"].choices) > 200
    assert [code for code, _ in form.fields["shortlisted"].widget.choices] == ["", "yes", "no"]
    html = answer.content.decode()
    assert '<label for="id_unreviewed">Not yet reviewed by me:</label>' in html
    assert '<option value="-submitted" selected>' in html
    ticked = client_for(w.a.mentor).get(url, {"unreviewed": "on", "shortlisted": "true"})
    html = ticked.content.decode()
    assert 'name="unreviewed" id="id_unreviewed" checked' in html
    assert '<option value="yes" selected>Yes</option>' in html


def test_a_valid_country_without_applicants_finds_nobody_everywhere(w, people):
    # Before: the page refused FR (not among the term's countries) and showed everyone,
    # with an error, while its own CSV link and the API gave nobody.
    assert _everywhere(w, w.a.mentor, {"country": "FR"}) == []
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    answer = client_for(w.a.mentor).get(url, {"country": "FR"})
    form = answer.context["filterset"].form
    assert not form.errors
    # The select shows what is filtered on: the term's countries and the one asked for.
    assert [code for code, _ in form.fields["country"].widget.choices] == [
        "",
        "CN",
        "FR",
        "NG",
        "GB",
    ]
    assert '<option value="FR" selected>France</option>' in answer.content.decode()


@pytest.mark.parametrize("query", [{"state": "submitted"}, {"page": "1"}])
def test_a_filtered_page_without_a_sort_selects_the_default_sort(w, people, query):
    # Before: the list was newest first but the select showed no selected option (the
    # browser shows "name"), so the next filter change sent sort=name.
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    html = client_for(w.a.mentor).get(url, query).content.decode()
    select = re.search(r'<select name="sort".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)" selected>', select) == ["-submitted"]


def test_the_api_export_asks_for_credentials_before_judging_its_format(w, people):
    url = f"/api/v1/orgs/{w.slug}/review/terms/{w.term.pk}/applicants.csv"
    assert APIClient().get(url, {"format": "O"}).status_code == 401
    answer = api_client_for(w.a.mentor).get(url, {"format": "O", "state": "withdrawn"})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
