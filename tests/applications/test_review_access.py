"""Who may review and see what: the term's mentors, the organization's coordinators and
admins; a mentor of another term of the same organization sees nothing of this one."""

import pytest
from django.urls import reverse

from accounts.people.services import mentee_resume_set
from applications.review.services import conflict_declare
from tests.applications.review_data import ReviewWorld, make_applicant
from tests.conftest import api_client_for, client_for
from tests.factories.profiles import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


def _dashboard(w, term):
    return reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": term.pk})


def _applicant(w, application):
    return reverse(
        "applications:review-applicant",
        kwargs={"org": w.slug, "application": application.public_id},
    )


def test_mentor_of_the_term_sees_its_dashboard_and_applicants(w):
    application = make_applicant(w.term, name="Ada Applicant")
    client = client_for(w.a.mentor)
    page = client.get(_dashboard(w, w.term))
    assert page.status_code == 200
    assert "Ada Applicant" in page.content.decode()
    assert client.get(_applicant(w, application)).status_code == 200


def test_mentor_of_another_term_of_the_same_organization_gets_404(w):
    application = make_applicant(w.term, name="Ada Applicant")
    client = client_for(w.other_mentor)
    assert client.get(_dashboard(w, w.term)).status_code == 404
    assert client.get(_applicant(w, application)).status_code == 404
    csv_url = reverse("applications:review-csv", kwargs={"org": w.slug, "term": w.term.pk})
    assert client.get(csv_url).status_code == 404
    review_url = reverse(
        "applications:review-save", kwargs={"org": w.slug, "application": application.public_id}
    )
    assert client.post(review_url, {"skills": 5}).status_code == 404
    api = api_client_for(w.other_mentor)
    base = f"/api/v1/orgs/{w.slug}/review"
    assert api.get(f"{base}/terms/{w.term.pk}/applicants/").status_code == 404
    assert api.get(f"{base}/applicants/{application.public_id}/").status_code == 404
    # ...while their own term works.
    assert client.get(_dashboard(w, w.other_term)).status_code == 200


def test_coordinator_and_admin_see_every_term_of_the_organization(w):
    mine = make_applicant(w.term, name="Ada Applicant")
    other = make_applicant(w.other_term, name="Bob Applicant")
    for person in (w.a.coordinator, w.a.admin):
        client = client_for(person)
        assert client.get(_dashboard(w, w.term)).status_code == 200
        assert client.get(_dashboard(w, w.other_term)).status_code == 200
        assert client.get(_applicant(w, mine)).status_code == 200
        assert client.get(_applicant(w, other)).status_code == 200


def test_members_of_another_organization_get_404(w):
    application = make_applicant(w.term, name="Ada Applicant")
    for person in (w.b.admin, w.b.coordinator, w.b.mentor):
        client = client_for(person)
        assert client.get(_dashboard(w, w.term)).status_code == 404
        assert client.get(_applicant(w, application)).status_code == 404


def test_a_term_of_another_organization_is_404_under_this_one(w):
    client = client_for(w.a.admin)
    url = reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term_b.pk})
    assert client.get(url).status_code == 404


def test_drafts_are_not_shown_to_reviewers(w):
    draft = make_applicant(w.term, name="Drafty Person", state="draft")
    client = client_for(w.a.admin)
    assert "Drafty Person" not in client.get(_dashboard(w, w.term)).content.decode()
    assert client.get(_applicant(w, draft)).status_code == 404


def test_reviewers_download_the_resume_but_not_other_terms_mentors_or_conflicted(w):
    application = make_applicant(w.term, name="Ada Applicant")
    mentee_resume_set(user=application.applicant, upload=pdf_upload())
    profile = application.applicant.mentee_profile
    url = reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    assert client_for(w.a.mentor).get(url).status_code == 200
    assert client_for(w.a.coordinator).get(url).status_code == 200
    assert client_for(w.other_mentor).get(url).status_code == 404
    assert client_for(w.b.admin).get(url).status_code == 404
    from django_scopes import scope

    with scope(organization=w.a.organization):
        conflict_declare(application=application, reviewer=w.a.mentor, kind="family")
    assert client_for(w.a.mentor).get(url).status_code == 404


def test_dashboard_never_says_where_the_other_applications_are(w):
    application = make_applicant(w.term, name="Ada Applicant")
    from tests.factories.applications import ApplicationFactory

    ApplicationFactory(term=w.term_b, applicant=application.applicant, state="submitted")
    ApplicationFactory(term=w.other_term, applicant=application.applicant, state="withdrawn")
    page = client_for(w.a.mentor).get(_dashboard(w, w.term))
    body = page.content.decode()
    assert "beta" not in body.lower()
    row = page.context["page"].object_list[0]
    assert row.other_active_applications == 1
