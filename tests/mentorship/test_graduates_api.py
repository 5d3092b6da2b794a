"""The API for the rest of the graduates slice: an employer account asked for and decided
by staff, colleagues invited, a graduate blocking and reporting, endorsements written and
accepted. Each calls the same service as the page; bad input is a 400 with field messages
and writes nothing; other people's objects are 404."""

import pytest
from django.urls import reverse

from core.outbox.models import OutboxEmail
from mentorship.graduates.models import Employer, EmployerBlock, Endorsement, InterestStatus
from mentorship.graduates.services import interests as interests_services
from tests.conftest import api_client_for, api_client_with_second_factor
from tests.factories.accounts import UserFactory
from tests.factories.graduates import approved_employer, graduate, published

pytestmark = pytest.mark.django_db

REQUEST = {
    "name": "Orbit Labs",
    "website": "https://orbit.example",
    "contact": "Olu, hiring lead",
    "reason": "We hire people who learned upstream.",
}


def test_an_employer_account_is_asked_for_and_staff_decide_it(staff_user):
    person = UserFactory()
    me = api_client_for(person)
    assert me.get(reverse("api:employer-account")).status_code == 404
    bad = me.post(reverse("api:employer-account"), {**REQUEST, "website": "not a site"})
    assert bad.status_code == 400 and "website" in bad.json()
    assert not Employer.objects.exists()
    created = me.post(reverse("api:employer-account"), REQUEST)
    assert created.status_code == 201 and created.json()["status"] == "pending"
    assert me.post(reverse("api:employer-account"), REQUEST).status_code == 400  # one each

    staff = api_client_with_second_factor(staff_user)
    [listed] = staff.get(reverse("api:staff-employers-list")).json()["results"]
    assert listed["requested_by"] == person.email
    decline = reverse("api:staff-employers-decline", kwargs={"employer": listed["id"]})
    assert staff.post(decline, {"reason": ""}).status_code == 400
    approve = reverse("api:staff-employers-approve", kwargs={"employer": listed["id"]})
    assert api_client_for(person).post(approve).status_code == 404  # not staff
    assert staff.post(approve).json()["status"] == "approved"
    assert me.get(reverse("api:employer-account")).json()["status"] == "approved"
    assert staff.get(reverse("api:staff-employers-list")).json()["results"] == []


def test_colleagues_are_listed_and_invited_by_an_approved_employer():
    employer, person = approved_employer()
    client = api_client_for(person)
    assert client.post(reverse("api:employer-colleagues"), {"email": "nope"}).status_code == 400
    answer = client.post(reverse("api:employer-colleagues"), {"email": "cara@acme.example"})
    assert answer.status_code == 201
    assert answer.json() == {
        "members": [person.email],
        "pending_invitations": ["cara@acme.example"],
    }
    assert OutboxEmail.objects.filter(to="cara@acme.example").exists()
    assert api_client_for(UserFactory()).get(reverse("api:employer-colleagues")).status_code == (
        404
    )


def test_a_graduate_blocks_and_reports_through_the_api(org_a, staff_user):
    mentorship, _ = graduate(org_a)
    profile = published(mentorship.mentee)
    employer, person = approved_employer()
    interest = interests_services.interest_send(
        employer=employer, actor=person, profile=profile, message="Hello there"
    )
    me = api_client_for(mentorship.mentee)
    report = reverse("api:my-graduate-interests-report", kwargs={"interest": interest.public_id})
    assert me.post(report, {"reason": ""}).status_code == 400
    assert me.post(report, {"reason": "Spam"}).status_code == 200
    block = reverse("api:my-graduate-interests-block", kwargs={"interest": interest.public_id})
    assert api_client_for(person).post(block).status_code == 404  # not their request
    assert me.post(block).status_code == 204
    assert EmployerBlock.objects.filter(profile=profile, employer=employer).exists()
    interest.refresh_from_db()
    assert interest.status == InterestStatus.DECLINED and interest.reported_at is not None
    listed = api_client_for(person).get(reverse("api:employer-graduates-list")).json()
    assert listed["results"] == []


def test_a_mentor_endorses_through_the_api_and_the_graduate_accepts(org_a, org_b):
    mentorship, _ = graduate(org_a)
    endorse = reverse("api:endorse", kwargs={"mentorship": mentorship.public_id})
    assert api_client_for(org_b.mentor).post(endorse, {"text": "Great"}).status_code == 404
    mentor = api_client_for(org_a.mentor)
    assert mentor.post(endorse, {"text": ""}).status_code == 400
    assert not Endorsement.objects.exists()
    written = mentor.post(endorse, {"text": "Shipped a driver upstream."})
    assert written.status_code == 201 and written.json()["accepted_at"] is None
    me = api_client_for(mentorship.mentee)
    [listed] = me.get(reverse("api:my-endorsements")).json()
    answer = reverse("api:my-endorsement-answer", kwargs={"endorsement": listed["id"]})
    assert api_client_for(org_a.mentor).post(answer, {"accept": True}).status_code == 404
    assert me.post(answer, {"accept": True}).json()["accepted_at"] is not None
    assert me.post(answer, {"accept": False}).status_code == 204
    assert not Endorsement.objects.exists()
