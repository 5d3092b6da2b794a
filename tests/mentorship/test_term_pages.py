"""The term's pages and /me/ API beyond the role matrix: forms show the services' errors and
write nothing; the mentee's feedback page; staff revoke a letter; the mentee's letters."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scope

from mentorship.evaluations.models import EvaluationVerdict, MenteeFeedback
from tests.conftest import api_client_for, client_for
from tests.factories.graduates import graduate
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.django_db


def test_the_verdict_page_shows_why_and_writes_nothing(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        midterm = mentorship.evaluations.get(kind="midterm")
    url = reverse(
        "mentorship:org-evaluation-verdict",
        kwargs={
            "org": org_a.organization.slug,
            "mentorship": mentorship.public_id,
            "evaluation": midterm.public_id,
        },
    )
    data = {"verdict": "extend", "progress": 3, "communication": 3, "weeks": 6}
    with time_machine.travel(midterm.due_at, tick=False):
        client = client_for(org_a.mentor)  # signed in then: the session is fresh
        page = client.post(url, data).content.decode()
        assert "Ensure this value is less than or equal to 5" in page
        data["weeks"] = ""
        page = client.post(url, data).content.decode()
        assert "Extend by at least one whole week." in page
    early = client_for(org_a.mentor).post(
        url, {"verdict": "pass", "progress": 3, "communication": 3}
    )
    assert "opens on" in early.content.decode()
    with scope(organization=org_a.organization):
        assert not EvaluationVerdict.objects.exists()


def test_the_mentee_gives_feedback_on_the_page(org_a):
    mentorship = confirmed_mentorship(org_a)
    url = reverse(
        "mentorship:me-mentorship-feedback",
        kwargs={"mentorship": mentorship.public_id, "kind": "midterm"},
    )
    with time_machine.travel(mentorship.midterm_at - timedelta(days=1), tick=False):
        client = client_for(mentorship.mentee)
        response = client.post(url, {"mentorship_rating": 4, "program_rating": 5})
        assert response.status_code == 302
        again = client.post(url, {"mentorship_rating": 4, "program_rating": 5})
        assert "You already gave this feedback" in again.content.decode()
    assert client.get(url.replace("midterm", "nonsense")).status_code == 404
    assert client_for(org_a.mentor).get(url).status_code == 404
    with scope(organization=org_a.organization):
        assert MenteeFeedback.objects.count() == 1


def test_staff_revoke_a_letter_from_the_staff_page(org_a, staff_user, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = False
    _mentorship, certificate = graduate(org_a)
    url = reverse(
        "mentorship:staff-certificate-revoke",
        kwargs={"verification": certificate.verification_id},
    )
    assert client_for(org_a.admin).get(url).status_code == 404  # staff pages only
    client = client_for(staff_user)
    assert "Reason" in client.get(url).content.decode()
    response = client.post(url, {"reason": "The identity was not the mentee's."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Revoked" in page and "not the mentee" in page


def test_the_mentees_letters_in_the_api(org_a):
    mentorship, certificate = graduate(org_a)
    api = api_client_for(mentorship.mentee)
    listed = api.get(reverse("api:my-certificates-list")).json()["results"]
    assert [c["id"] for c in listed] == [certificate.verification_id]
    assert listed[0]["verification_url"].endswith(f"/verify/{certificate.verification_id}/")
    pdf = api.get(
        reverse("api:my-certificates-pdf", kwargs={"certificate": certificate.verification_id})
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    other = api_client_for(org_a.mentor).get(
        reverse("api:my-certificates-pdf", kwargs={"certificate": certificate.verification_id})
    )
    assert other.status_code == 404


def test_the_mentee_gives_feedback_in_the_api(org_a):
    mentorship = confirmed_mentorship(org_a)
    api = api_client_for(mentorship.mentee)
    body = {
        "mentorship": str(mentorship.public_id),
        "kind": "final",
        "mentorship_rating": 5,
        "program_rating": 4,
    }
    early = api.post(reverse("api:my-feedback-list"), body, format="json")
    assert early.status_code == 400
    with time_machine.travel(mentorship.final_at, tick=False):
        assert api.post(reverse("api:my-feedback-list"), body, format="json").status_code == 201
    mentor = api_client_for(org_a.mentor).post(reverse("api:my-feedback-list"), body, format="json")
    assert mentor.status_code == 403
