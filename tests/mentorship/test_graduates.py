"""Graduates seen by employers, with consent: publishing, choosing what shows, visibility,
withdrawing; employer accounts (request, staff decide, colleagues); the directory and its
search. Interest requests and endorsements: test_graduates_interests.py."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.outbox.models import OutboxEmail
from mentorship.graduates import selectors
from mentorship.graduates.models import (
    Employer,
    EmployerStatus,
    GraduateProfile,
    InterestRequest,
    InterestStatus,
)
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import interests as interests_services
from mentorship.graduates.services import profiles as profiles_services
from tests.conftest import client_for, client_with_second_factor
from tests.factories.accounts import UserFactory
from tests.factories.graduates import approved_employer, graduate, published

pytestmark = pytest.mark.django_db


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
