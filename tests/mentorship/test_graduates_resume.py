"""The optional resume on a graduate profile: the graduate ticks "show my resume" (the PDF
of their mentee profile, uploaded in accounts: one upload path); approved employers who
see the profile download it through accounts' permission-checked download; withdrawing or
unticking ends that at once; public visitors, pending employers, blocked employers and
everyone else get the same 404."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.people.demo import tiny_pdf
from accounts.people.models import MenteeProfile
from accounts.people.services import mentee_resume_set
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import interests as interests_services
from mentorship.graduates.services import profiles as profiles_services
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.graduates import approved_employer, published

pytestmark = pytest.mark.django_db


def _upload(user, name="resume.pdf"):
    pdf = tiny_pdf([user.email, "Resume"], title="Resume")
    mentee_resume_set(user=user, upload=SimpleUploadedFile(name, pdf, "application/pdf"))
    return MenteeProfile.objects.get(user=user)


def _download(user, mentee_profile):
    url = reverse("accounts:resume-download", kwargs={"profile": mentee_profile.public_id})
    return client_for(user).get(url)


def test_showing_a_resume_needs_one_uploaded(grad):
    with pytest.raises(ValidationError) as error:
        profiles_services.profile_save(user=grad, show_resume=True)
    assert "show_resume" in error.value.message_dict
    _upload(grad)
    assert profiles_services.profile_save(user=grad, show_resume=True).show_resume


def test_an_approved_employer_downloads_a_shown_resume_from_the_profile_page(grad):
    mentee_profile = _upload(grad, name="ada-resume.pdf")
    profile = published(grad, show_resume=True)
    employer, person = approved_employer()
    page = client_for(person).get(
        reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    )
    link = reverse("accounts:resume-download", kwargs={"profile": mentee_profile.public_id})
    assert link.encode() in page.content
    response = _download(person, mentee_profile)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_not_ticked_withdrawn_or_unticked_resume_is_a_404_at_once(grad):
    mentee_profile = _upload(grad)
    profile = published(grad)  # not ticked
    employer, person = approved_employer()
    page = client_for(person).get(
        reverse("mentorship:employer-profile", kwargs={"profile": profile.public_id})
    )
    assert b"Download" not in page.content
    assert _download(person, mentee_profile).status_code == 404

    profiles_services.profile_save(user=grad, show_resume=True)
    assert _download(person, mentee_profile).status_code == 200
    profiles_services.profile_withdraw(profile=profile, actor=grad)
    assert _download(person, mentee_profile).status_code == 404  # consent withdrawn
    profiles_services.profile_publish(profile=profile, actor=grad)
    assert _download(person, mentee_profile).status_code == 200
    profiles_services.profile_save(user=grad, show_resume=False)
    assert _download(person, mentee_profile).status_code == 404  # unticked


def test_public_visitors_pending_and_blocked_employers_never_get_it(grad, org_b, stranger):
    mentee_profile = _upload(grad)
    profile = published(grad, visibility="public", show_resume=True)
    public_page = client_for(None).get(
        reverse("mentorship:graduate", kwargs={"profile": profile.public_id})
    )
    assert public_page.status_code == 200 and b"resume" not in public_page.content.lower()
    # (org_a's reviewers of the graduate's application keep their own reviewer's access.)
    for person in (stranger, org_b.admin, org_b.mentor):
        assert _download(person, mentee_profile).status_code == 404
    assert _download(None, mentee_profile).status_code in (302, 404)  # never the file

    pending = UserFactory()
    employers_services.employer_request_create(
        user=pending, name="Pending", website="https://p.example", contact="x", reason="y"
    )
    assert _download(pending, mentee_profile).status_code == 404

    employer, person = approved_employer()
    assert _download(person, mentee_profile).status_code == 200
    interests_services.employer_block(profile=profile, employer=employer, actor=grad)
    assert _download(person, mentee_profile).status_code == 404


def test_an_employer_reaches_no_other_resume(grad, org_b):
    """Isolation: the employer rule opens only the resumes graduates chose to show (another
    person's resume stays closed), and another organization's admin gets no new access."""
    _upload(grad)
    published(grad, show_resume=True)
    _, person = approved_employer()
    applicant = UserFactory()
    assert _download(person, _upload(applicant)).status_code == 404
    assert _download(org_b.admin, MenteeProfile.objects.get(user=grad)).status_code == 404


def test_api_gives_employers_the_resume_address_only_when_shown(grad):
    mentee_profile = _upload(grad)
    profile = published(grad, visibility="public", show_resume=True)
    _, person = approved_employer()
    detail = reverse("api:employer-graduates-detail", kwargs={"profile": profile.public_id})
    body = api_client_for(person).get(detail).json()
    assert body["resume_url"].endswith(
        reverse("accounts:resume-download", kwargs={"profile": mentee_profile.public_id})
    )
    public = reverse("api:public-graduates-detail", kwargs={"profile": profile.public_id})
    assert "resume_url" not in api_client_for(None).get(public).json()
    profiles_services.profile_save(user=grad, show_resume=False)
    assert api_client_for(person).get(detail).json()["resume_url"] is None


def test_the_profile_page_offers_the_tick_and_refuses_it_without_a_resume(grad):
    client = client_for(grad)
    page = client.get(reverse("mentorship:me-graduate-profile"))
    assert b"upload a PDF" in page.content and b"show_resume" in page.content
    response = client.post(
        reverse("mentorship:me-graduate-profile"),
        {"action": "save", "display_name": "Ada", "show_resume": "on", "visibility": "employers"},
    )
    assert response.status_code == 200
    assert b"Upload your resume" in response.content
    assert not MenteeProfile.objects.filter(user=grad, resume__isnull=False).exists()
