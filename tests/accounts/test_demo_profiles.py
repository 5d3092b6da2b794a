"""The demo mentee has a complete profile with a real PDF resume; loading twice changes
nothing. Also run by the SQLite smoke pass, so the embedded default keeps working."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import MenteeProfile
from accounts.people.selectors import profile_missing_for_applying
from core.uploads.models import StoredFile

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_demo_mentee_has_a_complete_profile_and_loading_twice_changes_nothing(client):
    call_command("load_demo")
    call_command("load_demo")
    profile = MenteeProfile.objects.select_related("user", "resume").get(
        user__email="mentee@example.org"
    )
    assert profile_missing_for_applying(profile.user) == []
    # The demo's only files are resumes, one per profile that has one (every submitted demo
    # applicant's required resume points at it); loading twice stored nothing more.
    assert set(StoredFile.objects.values_list("purpose", flat=True)) == {"resume"}
    assert StoredFile.objects.count() == MenteeProfile.objects.exclude(resume=None).count()
    assert len(PdfReader(profile.resume.file.open("rb")).pages) == 1

    assert client.login(email="mentee@example.org", password=DEMO_PASSWORD)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Your profile is complete" in page
    response = client.get(
        reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for name in ("accounts:mentor-profile", "accounts:demographics"):
        assert client.get(reverse(name)).status_code == 200
