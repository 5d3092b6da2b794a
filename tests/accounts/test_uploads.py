"""Resume uploads: checked by content, size-limited, stored under random names, downloaded
only by people allowed to (404 for everyone else), with safe headers."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.people.models import MenteeProfile
from accounts.people.services import mentee_resume_remove, mentee_resume_set
from core.audit.models import AuditEvent
from core.uploads.models import StoredFile
from core.uploads.services import clean_file_name
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.profiles import pdf_bytes, pdf_upload, zip_bytes

pytestmark = pytest.mark.django_db

THIRTY_MB = 30 * 1024 * 1024


@pytest.fixture
def mentee(db):
    return UserFactory(email="mina@example.test")


def rejected_uploads():
    return [
        ("resume.pdf", b"%PDF-1.7\n" + b"0" * THIRTY_MB, "limit is 5.0 MB"),
        ("resume.pdf", zip_bytes(), "not a PDF"),
        ("resume.pdf", b"", "empty"),
        ("resume.pdf", b"%PDF-1.4\nthis is not really a pdf\n", "damaged"),
        ("<script>.pdf", pdf_bytes(), "not allowed"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    rejected_uploads(),
    ids=["30MB", "zip-renamed-pdf", "empty", "damaged-pdf", "script-name"],
)
def test_service_rejects_bad_files_and_stores_nothing(
    mentee, storage_files, name, content, message
):
    before = storage_files()
    with pytest.raises(ValidationError) as error:
        mentee_resume_set(user=mentee, upload=SimpleUploadedFile(name, content, "application/pdf"))
    assert message in " ".join(error.value.messages)
    assert storage_files() == before
    assert not StoredFile.objects.exists()
    assert (
        not AuditEvent.objects.with_scopes_disabled()
        .filter(action="profile.resume_uploaded")
        .exists()
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    rejected_uploads(),
    ids=["30MB", "zip-renamed-pdf", "empty", "damaged-pdf", "script-name"],
)
def test_page_shows_why_an_upload_was_refused(mentee, storage_files, name, content, message):
    before = storage_files()
    upload = SimpleUploadedFile(name, content, "application/pdf")
    response = client_for(mentee).post(reverse("accounts:resume-upload"), {"resume": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="id_resume_error"' in response.content.decode()
    assert storage_files() == before
    assert not StoredFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    rejected_uploads(),
    ids=["30MB", "zip-renamed-pdf", "empty", "damaged-pdf", "script-name"],
)
def test_api_refuses_bad_uploads_with_a_field_message(
    mentee, storage_files, name, content, message
):
    before = storage_files()
    upload = SimpleUploadedFile(name, content, "application/pdf")
    response = api_client_for(mentee).put(
        reverse("api:my-resume"), {"file": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["file"])
    assert storage_files() == before
    assert not StoredFile.objects.exists()


@pytest.mark.parametrize("name", ["../../etc/x.pdf", "..\\..\\etc\\x.pdf"])
def test_a_path_in_the_file_name_never_reaches_storage(mentee, storage_files, name):
    # Django's upload handling keeps only the last path segment; the file is stored under a
    # random name inside private storage, and the path never becomes part of it.
    upload = SimpleUploadedFile(name, pdf_bytes(), "application/pdf")
    response = api_client_for(mentee).put(
        reverse("api:my-resume"), {"file": upload}, format="multipart"
    )
    assert response.status_code == 200, response.content
    stored = StoredFile.objects.get()
    assert stored.original_name == "x.pdf"
    assert storage_files() == {f"resume/{stored.id}.pdf"}


@pytest.mark.parametrize(
    "name", ["../../etc/x.pdf", "a/b.pdf", "<script>.pdf", ".hidden.pdf", "cv\x00.pdf"]
)
def test_unsafe_file_names_are_refused_by_the_validator(name):
    with pytest.raises(ValidationError, match="not allowed"):
        clean_file_name(name)


def test_plain_names_are_kept_and_get_a_pdf_extension():
    assert clean_file_name("Résumé – Jane (2026).pdf") == "Résumé – Jane (2026).pdf"
    assert clean_file_name("cv") == "cv.pdf"


def test_resume_is_stored_under_a_random_name(mentee, storage_files):
    profile = mentee_resume_set(user=mentee, upload=pdf_upload("My Resume (2026).pdf"))
    stored = profile.resume
    assert stored.original_name == "My Resume (2026).pdf"
    assert stored.file.name == f"resume/{stored.id}.pdf"
    assert storage_files() == {f"resume/{stored.id}.pdf"}
    assert (
        AuditEvent.objects.with_scopes_disabled().filter(action="profile.resume_uploaded").count()
        == 1
    )


def test_a_new_resume_replaces_the_old_file(
    mentee, storage_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = mentee_resume_set(user=mentee, upload=pdf_upload("one.pdf")).resume
        second = mentee_resume_set(user=mentee, upload=pdf_upload("two.pdf")).resume
    assert storage_files() == {f"resume/{second.id}.pdf"}
    assert not StoredFile.objects.filter(pk=first.pk).exists()


def test_removing_the_resume_deletes_row_and_file(
    mentee, storage_files, django_capture_on_commit_callbacks
):
    mentee_resume_set(user=mentee, upload=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        mentee_resume_remove(user=mentee)
    assert storage_files() == set()
    assert MenteeProfile.objects.get(user=mentee).resume is None
    with pytest.raises(ValidationError, match="no resume"):
        mentee_resume_remove(user=mentee)


def test_owner_downloads_the_resume_as_a_safe_attachment(mentee):
    profile = mentee_resume_set(user=mentee, upload=pdf_upload("cv.pdf", text="Mina"))
    url = reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    response = client_for(mentee).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == profile.resume.file.open("rb").read()


def test_a_stranger_gets_404_for_someone_elses_resume(mentee, stranger):
    profile = mentee_resume_set(user=mentee, upload=pdf_upload())
    url = reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    assert client_for(stranger).get(url).status_code == 404


def test_missing_resume_and_unknown_profile_answer_the_same_404(mentee, stranger):
    profile = MenteeProfile.objects.create(user=mentee)
    for public_id in (profile.public_id, "00000000-0000-0000-0000-000000000000"):
        url = reverse("accounts:resume-download", kwargs={"profile": public_id})
        assert client_for(mentee).get(url).status_code == 404


def test_anonymous_download_redirects_to_login(mentee):
    profile = mentee_resume_set(user=mentee, upload=pdf_upload())
    url = reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_org_admin_cannot_download_a_resume_without_a_grant(mentee, org_a):
    # Reviewers get access through the applications app (accounts.rules.allow_resume_viewers);
    # being an admin somewhere grants nothing by itself.
    profile = mentee_resume_set(user=mentee, upload=pdf_upload())
    url = reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    assert client_for(org_a.admin).get(url).status_code == 404


def test_a_granted_predicate_opens_the_resume(mentee, stranger):
    from accounts import rules as account_rules

    profile = mentee_resume_set(user=mentee, upload=pdf_upload())
    url = reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    before = list(account_rules._resume_viewers)
    account_rules.allow_resume_viewers(lambda user, p: user.email == "stranger@example.test")
    try:
        assert client_for(stranger).get(url).status_code == 200
    finally:
        account_rules._resume_viewers[:] = before
    assert client_for(stranger).get(url).status_code == 404


def test_api_owner_downloads_and_removes_own_resume(mentee):
    mentee_resume_set(user=mentee, upload=pdf_upload("cv.pdf"))
    client = api_client_for(mentee)
    response = client.get(reverse("api:my-resume"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert client.delete(reverse("api:my-resume")).status_code == 204
    assert client.get(reverse("api:my-resume")).status_code == 404
    assert client.delete(reverse("api:my-resume")).status_code == 400
