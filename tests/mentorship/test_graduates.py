"""Graduates seen by employers, with consent: publishing, choosing what shows, visibility,
withdrawing; employer accounts (request, staff decide, colleagues); the directory and its
search; interest requests, their daily limit, blocking and reports; endorsements."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from core.outbox.models import OutboxEmail
from mentorship.certificates.models import Certificate
from mentorship.evaluations.services.verdicts import evaluation_verdict
from mentorship.graduates import selectors
from mentorship.graduates.models import (
    Employer,
    EmployerStatus,
    GraduateProfile,
    InterestRequest,
    InterestStatus,
)
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import endorsements as endorsements_services
from mentorship.graduates.services import interests as interests_services
from mentorship.graduates.services import profiles as profiles_services
from tests.conftest import client_for, client_with_second_factor
from tests.factories.accounts import UserFactory
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.django_db


def graduate(tenant, **kwargs):
    mentorship = confirmed_mentorship(tenant, **kwargs)
    with scope(organization=tenant.organization):
        for kind in ("midterm", "final"):
            evaluation = mentorship.evaluations.get(kind=kind)
            evaluation_verdict(
                evaluation=evaluation,
                actor=tenant.mentor,
                verdict="pass",
                progress=4,
                communication=4,
                now=evaluation.due_at,
            )
        return mentorship, Certificate.objects.get(mentorship=mentorship)


def approved_employer(name="Acme", staff=None):
    person = UserFactory()
    employer = employers_services.employer_request_create(
        user=person,
        name=name,
        website="https://acme.example",
        contact="Ada, hiring",
        reason="We hire open-source people.",
    )
    staff = staff or UserFactory(is_staff=True)
    employers_services.employer_approve(employer=employer, actor=staff)
    employer.refresh_from_db()
    return employer, person


def published(user, visibility="employers", **fields):
    fields.setdefault("headline", "Kernel hacker")
    fields.setdefault("skills", "Rust (advanced), C")
    profile = profiles_services.profile_save(user=user, visibility=visibility, **fields)
    return profiles_services.profile_publish(profile=profile, actor=user)


@pytest.fixture
def grad(org_a):
    mentorship, certificate = graduate(org_a)
    return mentorship.mentee


# --- consent --------------------------------------------------------------------------------


def test_only_a_graduate_makes_a_profile(org_a, stranger):
    with pytest.raises(PermissionDenied):
        profiles_services.profile_save(user=stranger, headline="x")
    response = client_for(stranger).get(reverse("mentorship:me-graduate-profile"))
    assert b"made from a completed mentorship" in response.content


def test_saving_does_not_publish_and_publishing_lists_with_verified_programs(grad):
    employer, _ = approved_employer()
    profile = profiles_services.profile_save(user=grad, headline="Kernel hacker")
    assert not selectors.visible_profiles(employer=employer).exists()
    profiles_services.profile_publish(profile=profile, actor=grad)
    listed = list(selectors.visible_profiles(employer=employer))
    assert listed == [profile]
    completion = profile.completions.get()
    # The completion is copied from the graduate's letter and names it.
    assert (
        completion.verification_id
        == selectors.graduate_certificates(user=grad)[0]["verification_id"]
    )


def test_withdrawing_removes_the_profile_from_every_listing_at_once(grad):
    employer, person = approved_employer()
    profile = published(grad, visibility="public")
    assert selectors.visible_profiles(employer=None).count() == 1
    interests_services.interest_send(
        employer=employer, actor=person, profile=profile, message="Hello"
    )
    profiles_services.profile_withdraw(profile=profile, actor=grad)
    assert not selectors.visible_profiles(employer=None).exists()
    assert not selectors.visible_profiles(employer=employer).exists()
    assert client_for(None).get(reverse("mentorship:graduates")).content.count(b"Kernel") == 0
    url = reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    assert client_for(person).get(url).status_code == 404
    assert InterestRequest.objects.get().status == InterestStatus.DECLINED


def test_visibility_levels(grad, org_a):
    employer, person = approved_employer()
    profile = published(grad, visibility="employers")
    public_url = reverse("mentorship:graduate", kwargs={"profile": profile.public_id})
    assert client_for(None).get(public_url).status_code == 404
    assert b"Kernel hacker" not in client_for(None).get(reverse("mentorship:graduates")).content
    employer_url = reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    assert client_for(person).get(employer_url).status_code == 200
    # A person who is not an approved employer does not reach the employer pages.
    assert client_for(org_a.admin).get(employer_url).status_code == 404
    profiles_services.profile_save(user=grad, visibility="public")
    assert client_for(None).get(public_url).status_code == 200
    assert b"Kernel hacker" in client_for(None).get(reverse("mentorship:graduates")).content


def test_chosen_fields_only_are_shown(grad):
    profile = published(
        grad,
        visibility="public",
        project_summary="Wrote the scheduler",
        show_project=False,
        links="https://example.org/me",
        show_links=False,
    )
    body = client_for(None).get(
        reverse("mentorship:graduate", kwargs={"profile": profile.public_id})
    )
    assert b"Kernel hacker" in body.content
    assert b"Wrote the scheduler" not in body.content
    assert b"example.org/me" not in body.content


def test_bad_profile_input_is_refused_with_field_messages(grad):
    with pytest.raises(ValidationError) as error:
        profiles_services.profile_save(user=grad, country="Germany")
    assert "two-letter" in str(error.value)
    with pytest.raises(ValidationError) as error:
        profiles_services.profile_save(user=grad, links="javascript:alert(1)")
    assert "web address" in str(error.value)
    response = client_for(grad).post(
        reverse("mentorship:me-graduate-profile"),
        {"action": "save", "display_name": "", "visibility": "nope"},
    )
    assert response.status_code == 200
    assert not GraduateProfile.objects.exists()


def test_publish_and_withdraw_through_the_page(grad):
    client = client_for(grad)
    url = reverse("mentorship:me-graduate-profile")
    client.post(
        url,
        {"action": "save", "display_name": "Grace", "visibility": "public", "skills": "Go"},
    )
    assert GraduateProfile.objects.get().published_at is None
    client.post(url, {"action": "publish"})
    assert GraduateProfile.objects.get().published_at is not None
    client.post(url, {"action": "withdraw"})
    assert GraduateProfile.objects.get().published_at is None


# --- employer accounts ----------------------------------------------------------------------


def test_employer_request_staff_decide_with_reason(staff_user):
    person = UserFactory()
    client = client_for(person)
    assert (
        b"Ask for an employer account"
        in client.get(reverse("mentorship:employer-directory")).content
    )
    client.post(
        reverse("mentorship:employer-request"),
        {"name": "Acme", "website": "https://acme.example", "contact": "Ada", "reason": "Hiring"},
    )
    employer = Employer.objects.get()
    assert employer.status == EmployerStatus.PENDING
    assert (
        b"waiting for platform staff"
        in client.get(reverse("mentorship:employer-directory")).content
    )
    staff = client_with_second_factor(staff_user)
    url = reverse("mentorship:staff-employer", kwargs={"employer": employer.public_id})
    response = staff.post(url, {"action": "decline", "reason": ""})
    assert response.status_code == 200
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.PENDING
    staff.post(url, {"action": "decline", "reason": "We could not find this company."})
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.DECLINED
    assert OutboxEmail.objects.filter(to=person.email, subject__contains="Acme").exists()
    with pytest.raises(ValidationError):
        employers_services.employer_approve(employer=employer, actor=staff_user)
    # Nobody but staff reaches the queue.
    assert client.get(reverse("mentorship:staff-employers")).status_code == 404


def test_colleague_invitation():
    employer, person = approved_employer()
    colleague = UserFactory(email="colleague@acme.example")
    invitation = employers_services.employer_invite(
        employer=employer, actor=person, email=colleague.email
    )
    assert (
        client_for(UserFactory())
        .get(reverse("mentorship:employer-join", kwargs={"invitation": invitation.public_id}))
        .status_code
        == 404
    )
    client_for(colleague).post(
        reverse("mentorship:employer-join", kwargs={"invitation": invitation.public_id})
    )
    assert selectors.approved_employer_of(user=colleague) == employer


def test_a_pending_employer_cannot_browse_or_write(grad):
    profile = published(grad)
    person = UserFactory()
    employer = employers_services.employer_request_create(
        user=person, name="Wait", website="https://w.example", contact="x", reason="y"
    )
    with pytest.raises(PermissionDenied):
        interests_services.interest_send(
            employer=employer, actor=person, profile=profile, message="Hi"
        )
    url = reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    assert client_for(person).get(url).status_code == 404


# --- directory ------------------------------------------------------------------------------


def test_directory_search_and_filters(org_a, grad):
    employer, person = approved_employer()
    published(grad, skills="Rust (advanced)", country="DE", open_to_work=True)
    other, _ = graduate(org_a)
    published(other.mentee, headline="Designer", skills="Figma", country="BR")
    client = client_for(person)
    url = reverse("mentorship:employer-directory")

    def names(**params):
        return client.get(url, params).content

    assert b"Kernel hacker" in names(q="rust") and b"Designer" not in names(q="rust")
    assert b"Designer" in names(country="br") and b"Kernel hacker" not in names(country="br")
    assert b"Kernel hacker" in names(open_to_work="on")
    assert b"Designer" not in names(open_to_work="on")
    assert b"Designer" in names(skill="figma")
    assert b"Kernel hacker" in names(year=timezone.now().year) or b"Kernel hacker" in names(
        year=timezone.now().year + 1
    )
    assert b"No graduate matches" in names(year=2001)
    assert b"No graduate matches" in names(program="no such program")
    # Bad input is dropped, not an error.
    assert client.get(url, {"year": "soon", "page": "x", "order": "weird"}).status_code == 200


def test_directory_queries_are_flat(org_a, grad, django_assert_max_num_queries):
    employer, person = approved_employer()
    published(grad)
    client = client_for(person)
    url = reverse("mentorship:employer-directory")
    client.get(url)
    with django_assert_max_num_queries(8) as small:
        client.get(url, {"q": "kernel", "open_to_work": ""})
    for n in range(30):
        GraduateProfile.objects.create(
            user=UserFactory(),
            display_name=f"Grad {n}",
            headline="Kernel hacker",
            published_at=timezone.now(),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, {"open_to_work": ""})


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
