"""Usability of the application page: the resume already on the profile answers a file
prerequisite (as a copy), and an HTMX save refreshes the page's "n of m done" counts."""

import pytest
from django.urls import reverse
from django_scopes import scope

from accounts.people.models import MenteeProfile
from accounts.people.services import mentee_resume_set
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import add_prerequisite, answer, start
from tests.conftest import client_for
from tests.factories.profiles import pdf_upload

pytestmark = pytest.mark.django_db


def _url(application, prerequisite):
    return reverse(
        "applications:my-application-answer",
        kwargs={"application": application.public_id, "prerequisite": prerequisite.pk},
    )


def test_the_profile_resume_answers_a_file_prerequisite_as_a_copy(mentee, term_a):
    resume = add_prerequisite(term_a, kind="resume")
    application = start(mentee, term_a)
    page = client_for(mentee).get(
        reverse("applications:my-application", kwargs={"application": application.public_id})
    )
    assert "Use the resume on my profile" in page.content.decode()

    saved = answer(application, resume, use_profile_resume=True)
    profile = MenteeProfile.objects.get(user=mentee)
    assert saved.completed_at and saved.file.original_name == profile.resume.original_name
    assert saved.file_id != profile.resume_id  # a copy: a new profile resume changes nothing
    mentee_resume_set(user=mentee, upload=pdf_upload("newer.pdf"))
    with scope(organization=application.organization):
        saved.refresh_from_db()
    assert saved.file is not None and saved.file.original_name != "newer.pdf"


def test_without_a_profile_resume_the_answer_says_what_to_do(mentee, term_a):
    from django.core.exceptions import ValidationError

    resume = add_prerequisite(term_a, kind="resume")
    application = start(mentee, term_a)
    MenteeProfile.objects.filter(user=mentee).update(resume=None)  # removed after applying
    with pytest.raises(ValidationError, match="no resume yet"):
        answer(application, resume, use_profile_resume=True)


def test_an_htmx_save_refreshes_the_done_counts_out_of_band(mentee, term_a):
    challenge = add_prerequisite(term_a, kind="coding_challenge")
    add_prerequisite(term_a, kind="custom", title="Motivation", answer_type="text")
    application = start(mentee, term_a)
    response = client_for(mentee).post(
        _url(application, challenge),
        {f"p{challenge.pk}-url": "https://example.org/solution"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "Saved at" in body
    assert 'id="prerequisites-count" hx-swap-oob="true">1 of 2 done' in body
    assert f'id="prerequisite-state-{challenge.pk}" hx-swap-oob="true">done' in body
