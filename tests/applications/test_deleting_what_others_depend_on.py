"""Issue 13, finding 3: deleting a prerequisite that applicants answered answers 409 with the
reason (API) and shows the same message (page), never a 500; a stored file whose bytes are
missing answers 404."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from accounts.people.services import mentee_resume_set
from applications.apply.models import PrerequisiteAnswer
from programs.prerequisites.models import Prerequisite
from programs.prerequisites.services import PREREQUISITE_ANSWERED
from tests.applications.review_data import ReviewWorld, make_applicant
from tests.conftest import api_client_for, client_for
from tests.factories.profiles import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(org_a, org_b, cycle):
    w = ReviewWorld(org_a, org_b, cycle)
    application = make_applicant(w.term, name="Ada Lovelace")
    with scope(organization=org_a.organization):
        prerequisite = Prerequisite.objects.create(
            organization=org_a.organization,
            term=w.term,
            kind="custom",
            title="Why us",
            answer_type="text",
        )
        PrerequisiteAnswer.objects.create(
            organization=org_a.organization,
            application=application,
            prerequisite=prerequisite,
            text="Because.",
            completed_at=timezone.now(),
        )
    return prerequisite


def message(prerequisite):
    return PREREQUISITE_ANSWERED.format(title=prerequisite.title)


def test_api_delete_of_an_answered_prerequisite_answers_409_with_the_reason(org_a, answered):
    url = reverse(
        "api:prerequisites-detail",
        kwargs={"org": org_a.organization.slug, "prerequisite": answered.pk},
    )
    response = api_client_for(org_a.admin).delete(url)
    assert response.status_code == 409
    assert response.json() == {"detail": message(answered)}
    with scope(organization=org_a.organization):
        assert Prerequisite.objects.filter(pk=answered.pk).exists()


def test_page_delete_of_an_answered_prerequisite_shows_the_same_message(org_a, answered):
    url = reverse(
        "programs:prerequisite-delete",
        kwargs={"org": org_a.organization.slug, "prerequisite": answered.pk},
    )
    response = client_for(org_a.admin).post(url, follow=True)
    assert response.status_code == 200
    assert message(answered) in response.content.decode()
    with scope(organization=org_a.organization):
        assert Prerequisite.objects.filter(pk=answered.pk).exists()


def test_a_resume_whose_bytes_are_missing_answers_404_not_500(db):
    from tests.factories.accounts import UserFactory

    mentee = UserFactory()
    profile = mentee_resume_set(user=mentee, upload=pdf_upload())
    profile.resume.file.storage.delete(profile.resume.file.name)
    page = client_for(mentee).get(
        reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    )
    assert page.status_code == 404
    api = api_client_for(mentee).get(reverse("api:my-resume"))
    assert api.status_code == 404
