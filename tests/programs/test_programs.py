"""Programs: fields, the status lifecycle with staff decisions and their emails, history,
and logos checked by content."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from PIL import Image

from programs.programs.models import Program, ProgramStatus
from programs.programs.selectors import program_history
from programs.programs.services import (
    program_approve,
    program_archive,
    program_create,
    program_reject,
    program_submit,
    program_update,
)
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db

S = ProgramStatus


def image(kind="PNG", size=(32, 32), name=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format=kind)
    extension = {"PNG": "png", "JPEG": "jpg", "GIF": "gif"}[kind]
    return SimpleUploadedFile(name or f"logo.{extension}", buffer.getvalue())


def create(tenant, **fields):
    values = {"name": "Kernel Mentorship", "description": "Fix bugs. Outcomes: patches."}
    values.update(fields)
    with scope(organization=tenant.organization):
        return program_create(organization=tenant.organization, actor=tenant.admin, **values)


# --- fields --------------------------------------------------------------------------------


def test_a_new_program_is_a_draft_with_a_slug_and_skills(org_a):
    program = create(org_a, skills=["Rust", "rust ", "Linux kernel"])
    assert program.status == S.DRAFT and program.slug == "kernel-mentorship"
    assert [s.slug for s in program.skills.all()] == ["linux-kernel", "rust"]


def test_program_names_are_unique_in_an_organization_only(org_a, org_b):
    create(org_a)
    with pytest.raises(ValidationError) as error:
        create(org_a, name="kernel mentorship")
    assert error.value.message_dict == {
        "name": ["Alpha already has a program named “kernel mentorship”."]
    }
    assert create(org_b).slug == "kernel-mentorship"  # another tenant may use the name


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": "x" * 101}, "name"),
        ({"name": ""}, "name"),
        ({"description": "x" * 3001}, "description"),
        ({"description": ""}, "description"),
        ({"repository_url": "not a url"}, "repository_url"),
        ({"code_of_conduct_url": "ftp//x"}, "code_of_conduct_url"),
    ],
)
def test_bad_fields_are_refused_with_a_message_on_the_field(org_a, fields, field):
    with pytest.raises(ValidationError) as error:
        create(org_a, **fields)
    assert field in error.value.message_dict
    with scope(organization=org_a.organization):
        assert not Program.objects.exists()


def test_the_form_shows_field_errors(org_a):
    response = client_for(org_a.admin).post(
        "/o/alpha/programs/new/", {"name": "", "description": "x" * 3001}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in body
    assert "Ensure this value has at most 3000 characters" in body


# --- lifecycle -------------------------------------------------------------------------------


def test_submit_approve_with_an_email_to_the_admins(
    org_a, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    program = create(org_a)
    with scope(organization=org_a.organization):
        program = program_submit(program=program, actor=org_a.admin)
    assert program.status == S.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        program = program_approve(program=program, actor=staff_user)
    assert program.status == S.APPROVED and program.is_published
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [org_a.admin.email]  # admins only, not the coordinator or mentor
    assert "Kernel Mentorship" in email.subject and "approved" in email.subject
    assert "published in the catalog" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and "<strong>Kernel Mentorship</strong>" in html


def test_rejection_needs_a_reason_and_emails_it(
    org_a, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    program = create(org_a)
    with scope(organization=org_a.organization):
        program = program_submit(program=program, actor=org_a.admin)
    with pytest.raises(ValidationError) as error:
        program_reject(program=program, actor=staff_user, reason="  ")
    assert "reason" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        program = program_reject(program=program, actor=staff_user, reason="Add outcomes.")
    assert program.status == S.REJECTED and program.rejection_reason == "Add outcomes."
    assert len(mailoutbox) == 1 and "Add outcomes." in mailoutbox[0].body
    assert "not approved" in mailoutbox[0].subject
    with scope(organization=org_a.organization):  # fixed and sent again
        assert program_submit(program=program, actor=org_a.admin).status == S.SUBMITTED


@pytest.mark.parametrize("status", [S.DRAFT, S.APPROVED, S.REJECTED, S.ARCHIVED])
def test_only_a_submitted_program_can_be_decided(org_a, staff_user, status, mailoutbox):
    program = create(org_a)
    Program.objects.with_scopes_disabled().filter(pk=program.pk).update(status=status)
    with pytest.raises(ValidationError, match="Only a program waiting for approval"):
        program_approve(program=program, actor=staff_user)
    with pytest.raises(ValidationError, match="Only a program waiting for approval"):
        program_reject(program=program, actor=staff_user, reason="No.")
    assert not mailoutbox


def test_editing_an_approved_program_keeps_it_published_and_history_is_kept(org_a, staff_user):
    program = create(org_a)
    with scope(organization=org_a.organization):
        program_submit(program=program, actor=org_a.admin)
    program_approve(program=program, actor=staff_user)
    with scope(organization=org_a.organization):
        program = program_update(program=program, actor=org_a.admin, description="New text.")
    assert program.status == S.APPROVED and program.description == "New text."
    history = [(e.from_state, e.to_state) for e in program_history(program=program)]
    assert history == [("submitted", "approved"), ("draft", "submitted"), ("", "draft")]
    words = [(e.from_label, e.to_label) for e in program_history(program=program)]
    assert words[0] == ("Waiting for staff approval", "Approved (published)")


def test_archived_programs_are_frozen(org_a):
    program = create(org_a)
    with scope(organization=org_a.organization):
        program = program_archive(program=program, actor=org_a.admin)
        with pytest.raises(ValidationError, match="archived"):
            program_update(program=program, actor=org_a.admin, name="New")
        with pytest.raises(ValidationError, match="already archived"):
            program_archive(program=program, actor=org_a.admin)


def test_staff_approve_and_reject_from_the_staff_pages(
    org_a, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = create(org_a), create(org_a, name="Second")
    with scope(organization=org_a.organization):
        program_submit(program=first, actor=org_a.admin)
        program_submit(program=second, actor=org_a.admin)
    client = client_for(staff_user)
    queue = client.get("/staff/programs/").content.decode()
    assert "Kernel Mentorship" in queue and "Second" in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/programs/{first.pk}/approve/")
        missing = client.post(f"/staff/programs/{second.pk}/reject/", {"reason": ""})
        assert missing.status_code == 400 and "This field is required." in missing.content.decode()
        client.post(f"/staff/programs/{second.pk}/reject/", {"reason": "Needs a CoC link."})
    with scope(organization=org_a.organization):
        statuses = dict(Program.objects.values_list("name", "status"))
    assert statuses == {"Kernel Mentorship": S.APPROVED, "Second": S.REJECTED}
    assert len(mailoutbox) == 2
    page = client_for(org_a.admin).get("/o/alpha/programs/second/").content.decode()
    assert "Needs a CoC link." in page


def test_staff_decide_through_the_api(org_a, staff_user):
    program = create(org_a)
    with scope(organization=org_a.organization):
        program_submit(program=program, actor=org_a.admin)
    api = api_client_for(staff_user)
    assert [p["slug"] for p in api.get("/api/v1/staff/programs/").json()["results"]] == [
        "kernel-mentorship"
    ]
    response = api.post(f"/api/v1/staff/programs/{program.pk}/reject/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api.post(f"/api/v1/staff/programs/{program.pk}/approve/")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    again = api.post(f"/api/v1/staff/programs/{program.pk}/approve/")
    assert again.status_code == 400


# --- logos ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, content_type", [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_png_and_jpeg_logos_are_accepted(org_a, kind, content_type):
    program = create(org_a, logo=image(kind))
    assert program.logo_content_type == content_type
    assert program.logo.name.startswith("program-logos/") and "logo" not in program.logo.name[14:]


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"), "not a PNG or JPEG image"),
        (SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50), "not a PNG or JPEG image"),
        (image("GIF"), "Use a PNG or JPEG image, not GIF"),
        (SimpleUploadedFile("big.png", b"0" * (2 * 1024 * 1024 + 1)), "use at most 2 MB"),
    ],
    ids=["script-named-png", "truncated-png", "gif", "too-big"],
)
def test_logos_are_checked_by_content(org_a, upload, message):
    with pytest.raises(ValidationError) as error:
        create(org_a, logo=upload)
    assert message in error.value.message_dict["logo"][0]
    with scope(organization=org_a.organization):
        assert not Program.objects.exists()


def test_logo_is_public_once_published_and_members_only_before(org_a, org_b, staff_user):
    program = create(org_a, logo=image("PNG"))
    url = "/programs/alpha/kernel-mentorship/logo/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(org_b.admin).get(url).status_code == 404
    member = client_for(org_a.mentor).get(url)
    assert member.status_code == 200 and member["Content-Type"] == "image/png"
    with scope(organization=org_a.organization):
        program_submit(program=program, actor=org_a.admin)
    program_approve(program=program, actor=staff_user)
    public = client_for(None).get(url)
    assert public.status_code == 200 and public["Content-Type"] == "image/png"
    assert public["X-Content-Type-Options"] == "nosniff"
    assert b"".join(public.streaming_content).startswith(b"\x89PNG")


def test_a_logo_can_be_uploaded_from_the_edit_page(org_a):
    create(org_a)
    response = client_for(org_a.admin).post(
        "/o/alpha/programs/kernel-mentorship/edit/",
        {"name": "Kernel Mentorship", "description": "Text.", "logo": image("JPEG")},
    )
    assert response.status_code == 302
    with scope(organization=org_a.organization):
        assert Program.objects.get().logo_content_type == "image/jpeg"
    bad = client_for(org_a.admin).post(
        "/o/alpha/programs/kernel-mentorship/edit/",
        {
            "name": "Kernel Mentorship",
            "description": "Text.",
            "logo": SimpleUploadedFile("x.png", b"nope"),
        },
    )
    assert "not a PNG or JPEG image" in bad.content.decode()
