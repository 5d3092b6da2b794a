"""The review API: the same rules as the pages, through /api/v1/orgs/<org>/review/."""

import csv
import io

import pytest
from django.urls import reverse
from django_scopes import scope

from applications.review.services import review_save
from tests.applications.review_data import ReviewWorld, make_applicant
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db
SCORES = {"skills": 4, "motivation": 5, "communication": 3, "availability": 4}


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


@pytest.fixture
def application(w):
    return make_applicant(w.term, name="Ada Applicant", country="GB", skills=["Python"])


def base(w):
    return f"/api/v1/orgs/{w.slug}/review"


def test_applicants_list_with_filters_and_ordering(w, application):
    make_applicant(w.term, name="Bo Applicant", country="CN", skills=["Rust"])
    api = api_client_for(w.a.mentor)
    answer = api.get(f"{base(w)}/terms/{w.term.pk}/applicants/", {"country": "GB"})
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [r["name"] for r in rows] == ["Ada Applicant"]
    assert rows[0]["skills"] == ["Python"] and rows[0]["reviewed_by_me"] is False
    ordered = api.get(f"{base(w)}/terms/{w.term.pk}/applicants/", {"sort": "-name"}).json()
    assert [r["name"] for r in ordered["results"]] == ["Bo Applicant", "Ada Applicant"]
    bad = api.get(f"{base(w)}/terms/{w.term.pk}/applicants/", {"sort": "applicant__password"})
    assert bad.status_code == 400 and "sort" in bad.json()


def test_create_then_update_a_review_and_see_it(w, application):
    api = api_client_for(w.a.mentor)
    url = f"{base(w)}/applicants/{application.public_id}/reviews/"
    created = api.post(url, {**SCORES, "notes": "Promising."}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["score"] == "4.00"
    review_id = created.json()["id"]
    patched = api.patch(f"{url}{review_id}/", {"skills": 5}, format="json")
    assert patched.status_code == 200 and patched.json()["revision"] == 2
    assert patched.json()["score"] == "4.25" and patched.json()["notes"] == "Promising."
    replaced = api.put(f"{url}{review_id}/", {"not_acceptable": True}, format="json")
    assert replaced.status_code == 200 and replaced.json()["score"] is None
    again = api.post(url, SCORES, format="json")
    assert again.status_code == 200 and again.json()["revision"] == 4
    # Someone else's review answers like a missing one (404), and is not changed.
    other = api_client_for(w.a.coordinator)
    refused = other.patch(f"{url}{review_id}/", {"skills": 1}, format="json")
    missing = other.patch(f"{url}999999/", {"skills": 1}, format="json")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    assert api.patch(f"{url}{review_id}/", {}, format="json").json()["skills"] != 1
    bad = api.post(url, {"skills": 9}, format="json")
    assert bad.status_code == 400 and "skills" in bad.json()


def test_conflict_hides_reviews_and_blocks_writing_through_the_api(w, application):
    with scope(organization=w.a.organization):
        review_save(application=application, reviewer=w.a.coordinator, notes="Hidden.", **SCORES)
    api = api_client_for(w.a.mentor)
    conflict = api.post(
        f"{base(w)}/applicants/{application.public_id}/conflict/",
        {"relationship": "household"},
        format="json",
    )
    assert conflict.status_code == 201
    detail = api.get(f"{base(w)}/applicants/{application.public_id}/").json()
    assert detail["reviews"] == [] and detail["conflict_declared"] is True
    assert api.get(f"{base(w)}/applicants/{application.public_id}/reviews/").json() == []
    blocked = api.post(
        f"{base(w)}/applicants/{application.public_id}/reviews/", SCORES, format="json"
    )
    assert blocked.status_code == 403
    listing = api_client_for(w.a.admin).get(f"{base(w)}/conflicts/")
    assert listing.status_code == 200
    assert listing.json()["results"][0]["relationship"] == "household"
    assert api.get(f"{base(w)}/conflicts/").status_code == 403


def test_shortlist_progress_settings_and_csv(w, application):
    url = f"{base(w)}/applicants/{application.public_id}/shortlist/"
    mentor, admin = api_client_for(w.a.mentor), api_client_for(w.a.admin)
    assert mentor.put(url, {"shortlisted": True}, format="json").status_code == 403
    policy_url = reverse("api:organization-policy", kwargs={"org": w.slug})
    assert (
        mentor.patch(policy_url, {"mentors_may_shortlist": True}, format="json").status_code == 403
    )
    changed = admin.patch(policy_url, {"mentors_may_shortlist": True}, format="json")
    assert changed.json()["mentors_may_shortlist"] is True
    assert mentor.put(url, {"shortlisted": True}, format="json").json() == {"shortlisted": True}
    mentor.post(f"{base(w)}/applicants/{application.public_id}/reviews/", SCORES, format="json")
    progress = mentor.get(f"{base(w)}/terms/{w.term.pk}/progress/").json()
    assert [(p["reviewed"], p["to_review"]) for p in progress] == [(1, 1)]
    exported = mentor.get(f"{base(w)}/terms/{w.term.pk}/applicants.csv", {"shortlisted": "true"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.getvalue().decode())))
    assert [r["name"] for r in rows] == ["Ada Applicant"]


def test_applicant_detail_has_profile_answers_reviews_and_history(w, application):
    detail = api_client_for(w.a.coordinator).get(f"{base(w)}/applicants/{application.public_id}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["profile"]["country"] == "GB" and body["profile"]["resume_url"] is None
    assert "date_of_birth" not in body["profile"]
