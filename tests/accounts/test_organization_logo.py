import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.organizations.models import Organization
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db


def _png(size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_staff_upload_a_logo_and_anyone_downloads_it_with_safe_headers(staff_user, org_a, client):
    response = client_for(staff_user).post(
        "/staff/organizations/alpha/edit/",
        {"name": "Alpha", "logo": SimpleUploadedFile("my logo.png", _png(), "image/png")},
    )
    assert response.status_code == 302
    organization = Organization.objects.get(slug="alpha")
    assert organization.logo_content_type == "image/png"
    assert "my logo" not in organization.logo.name  # stored under a random name
    download = client.get("/organizations/alpha/logo/")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    "name,content",
    [
        ("zip.png", b"PK\x03\x04" + b"\x00" * 100),
        ("empty.png", b""),
        ("big.png", b"\x89PNG" * 600_000),
    ],
)
def test_a_logo_that_is_not_an_image_is_refused_and_nothing_changes(
    staff_user, org_a, name, content
):
    response = client_for(staff_user).post(
        "/staff/organizations/alpha/edit/",
        {"name": "Renamed", "logo": SimpleUploadedFile(name, content, "image/png")},
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    organization = Organization.objects.get(slug="alpha")
    assert organization.name == "Alpha" and not organization.logo


def test_staff_api_accepts_a_logo_and_reports_its_url(staff_user, org_a):
    api = api_client_for(staff_user)
    response = api.patch(
        "/api/v1/staff/organizations/alpha/",
        {"logo": SimpleUploadedFile("l.png", _png(), "image/png")},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert api.get("/api/v1/staff/organizations/alpha/").json()["logo_url"] == (
        "/organizations/alpha/logo/"
    )


def test_organization_without_a_logo_answers_404(client, org_a):
    assert client.get("/organizations/alpha/logo/").status_code == 404
    assert client.get("/organizations/nope/logo/").status_code == 404
