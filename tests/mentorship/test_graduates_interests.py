"""Interest requests from employers to graduates (accept reveals the email, decline says
"not now"), their daily limit, blocking and reports to staff; endorsements; the API's
consent, directory and interest flow."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.outbox.models import OutboxEmail
from mentorship.graduates import selectors
from mentorship.graduates.models import (
    InterestRequest,
    InterestStatus,
)
from mentorship.graduates.services import endorsements as endorsements_services
from mentorship.graduates.services import interests as interests_services
from tests.conftest import client_for
from tests.factories.graduates import approved_employer, graduate, published

pytestmark = pytest.mark.django_db


# --- interest requests ----------------------------------------------------------------------


def test_interest_request_accept_reveals_email_decline_says_not_now(org_a, grad):
    employer, person = approved_employer()
    profile = published(grad)
    client = client_for(person)
    url = reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    client.post(url, {"message": "We would like to talk about a role."})
    interest = InterestRequest.objects.get()
    assert OutboxEmail.objects.filter(to=grad.email, subject__contains="Acme").exists()
    sent = reverse("mentorship:employer-interests")
    assert grad.email.encode() not in client.get(sent).content
    client_for(grad).post(
        reverse("mentorship:me-graduate-interest", kwargs={"interest": interest.public_id}),
        {"action": "accept"},
    )
    assert grad.email.encode() in client.get(sent).content

    other, _ = graduate(org_a)
    profile2 = published(other.mentee)
    second = interests_services.interest_send(
        employer=employer, actor=person, profile=profile2, message="Hi"
    )
    interests_services.interest_answer(interest=second, actor=other.mentee, accept=False)
    body = client.get(sent).content
    assert b"Not now" in body and other.mentee.email.encode() not in body
    with pytest.raises(ValidationError):
        interests_services.interest_answer(interest=second, actor=other.mentee, accept=True)
    # Only the graduate answers.
    with pytest.raises(PermissionDenied):
        interests_services.interest_answer(interest=second, actor=person, accept=True)


def test_interest_requests_are_limited_per_employer_per_day(org_a, grad, monkeypatch):
    monkeypatch.setattr(interests_services, "INTEREST_DAILY_LIMIT", 2)
    employer, person = approved_employer()
    profiles = [published(grad)]
    for _ in range(2):
        m, _ = graduate(org_a)
        profiles.append(published(m.mentee))
    interests_services.interest_send(
        employer=employer, actor=person, profile=profiles[0], message="a"
    )
    with pytest.raises(ValidationError, match="already wrote"):
        interests_services.interest_send(
            employer=employer, actor=person, profile=profiles[0], message="a"
        )
    interests_services.interest_send(
        employer=employer, actor=person, profile=profiles[1], message="b"
    )
    with pytest.raises(ValidationError, match="in the last 24 hours"):
        interests_services.interest_send(
            employer=employer, actor=person, profile=profiles[2], message="c"
        )
    InterestRequest.objects.update(created_at=timezone.now() - timedelta(days=2))
    interests_services.interest_send(
        employer=employer, actor=person, profile=profiles[2], message="c"
    )


def test_empty_or_long_message_is_refused(grad):
    employer, person = approved_employer()
    profile = published(grad)
    for message in ("", "x" * 1001):
        with pytest.raises(ValidationError):
            interests_services.interest_send(
                employer=employer, actor=person, profile=profile, message=message
            )


def test_blocking_hides_the_graduate_from_that_employer_only(grad):
    employer, person = approved_employer()
    other_employer, other_person = approved_employer("Other")
    profile = published(grad)
    interest = interests_services.interest_send(
        employer=employer, actor=person, profile=profile, message="Hi"
    )
    client_for(grad).post(
        reverse("mentorship:me-graduate-interest", kwargs={"interest": interest.public_id}),
        {"action": "block"},
    )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.DECLINED
    assert not selectors.visible_profiles(employer=employer).exists()
    assert selectors.visible_profiles(employer=other_employer).exists()
    url = reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    assert client_for(person).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        interests_services.interest_send(
            employer=employer, actor=person, profile=profile, message="Again"
        )


def test_report_abuse_reaches_staff(grad, staff_user):
    employer, person = approved_employer()
    profile = published(grad)
    interest = interests_services.interest_send(
        employer=employer, actor=person, profile=profile, message="Rude"
    )
    url = reverse("mentorship:me-graduate-interest", kwargs={"interest": interest.public_id})
    client_for(grad).post(url, {"action": "report", "reason": "Insulting message"})
    interest.refresh_from_db()
    assert interest.reported_at is not None
    assert OutboxEmail.objects.filter(to=staff_user.email, subject__contains="reported").exists()
    # Someone else's request is a 404.
    assert client_for(person).post(url, {"action": "accept"}).status_code == 404


# --- endorsements ---------------------------------------------------------------------------


def test_endorsement_shows_once_the_graduate_accepts(org_a):
    mentorship, _ = graduate(org_a)
    grad = mentorship.mentee
    profile = published(grad, visibility="public")
    endorsement = endorsements_services.endorsement_write(
        mentor=org_a.mentor, mentorship_public_id=mentorship.public_id, text="Excellent work."
    )
    public = reverse("mentorship:graduate", kwargs={"profile": profile.public_id})
    assert b"Excellent work." not in client_for(None).get(public).content
    client_for(grad).post(
        reverse("mentorship:me-graduate-profile"),
        {"action": "endorsement-accept", "endorsement": str(endorsement.public_id)},
    )
    assert b"Excellent work." in client_for(None).get(public).content
    # Someone who did not mentor it cannot endorse.
    with pytest.raises(PermissionDenied):
        endorsements_services.endorsement_write(
            mentor=org_a.admin, mentorship_public_id=mentorship.public_id, text="Hi"
        )


# --- API ------------------------------------------------------------------------------------


def test_api_profile_consent_directory_and_interest(org_a, grad):
    from tests.conftest import api_client_for

    employer, person = approved_employer()
    me = api_client_for(grad)
    assert me.get(reverse("api:my-graduate-profile")).status_code == 404
    saved = me.put(
        reverse("api:my-graduate-profile"),
        {"display_name": "Grace", "skills": "Go (expert)", "visibility": "employers"},
        format="json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["published_at"] is None
    employer_api = api_client_for(person)
    listed = employer_api.get(reverse("api:employer-graduates-list"))
    assert listed.json()["results"] == []
    me.post(reverse("api:my-graduate-profile-publish"))
    listed = employer_api.get(reverse("api:employer-graduates-list"), {"q": "go"}).json()
    assert [p["display_name"] for p in listed["results"]] == ["Grace"]
    assert "email" not in str(listed)
    assert api_client_for(None).get(reverse("api:public-graduates-list")).json()["results"] == []
    profile_id = listed["results"][0]["id"]
    sent = employer_api.post(
        reverse("api:employer-graduates-interest", kwargs={"profile": profile_id}),
        {"message": "Hello"},
        format="json",
    )
    assert sent.status_code == 201 and sent.json()["contact_email"] is None
    interest_id = sent.json()["id"]
    me.post(
        reverse("api:my-graduate-interests-answer", kwargs={"interest": interest_id}),
        {"accept": True},
        format="json",
    )
    answers = employer_api.get(reverse("api:employer-interests-list")).json()["results"]
    assert answers[0]["contact_email"] == grad.email
    # Not an approved employer: the directory is a 404, and bad input a 400.
    assert (
        api_client_for(org_a.admin).get(reverse("api:employer-graduates-list")).status_code == 404
    )
    assert (
        employer_api.get(reverse("api:employer-graduates-list"), {"year": "x"}).status_code == 400
    )
    me.post(reverse("api:my-graduate-profile-withdraw"))
    assert employer_api.get(reverse("api:employer-graduates-list")).json()["results"] == []
