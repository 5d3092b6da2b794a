"""Tasks: assigned to one mentee or every active mentee of a term; To do → In progress →
Submitted (a link, a text or a PDF) → Completed, or back to In progress with a comment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from core.outbox.models import OutboxEmail
from core.uploads.models import StoredFile
from mentorship.assignments.models import Task
from mentorship.assignments.services import (
    task_complete,
    task_create,
    task_return,
    task_start,
    task_submit,
)
from tests.conftest import api_client_for, client_for
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.profiles import pdf_upload, zip_bytes

pytestmark = pytest.mark.django_db


def new_task(mentorship, actor, **extra):
    (task,) = task_create(
        actor=actor,
        mentorship=mentorship,
        title=extra.pop("title", "Fix the flaky test"),
        due_at=timezone.now(),
        **extra,
    )
    return task


def test_a_task_goes_from_todo_to_completed(org_a):
    mentorship = confirmed_mentorship(org_a)
    mentee = mentorship.mentee
    with scope(organization=org_a.organization):
        task = new_task(mentorship, org_a.mentor, link="https://example.org/issue/1")
        assert OutboxEmail.objects.filter(to=mentee.email, subject__contains="new task").exists()
        with pytest.raises(ValidationError):
            task_submit(task=task, actor=mentee, link="https://example.org/pr/1")
        with pytest.raises(PermissionDenied):
            task_start(task=task, actor=org_a.mentor)
        task_start(task=task, actor=mentee)
        with pytest.raises(ValidationError, match="link, a text or a PDF"):
            task_submit(task=task, actor=mentee)
        task_submit(task=task, actor=mentee, link="https://example.org/pr/1")
        assert OutboxEmail.objects.filter(
            to=org_a.mentor.email, subject__contains="task submitted"
        ).exists()
        with pytest.raises(PermissionDenied):
            task_complete(task=task, actor=mentee)
        with pytest.raises(ValidationError):
            task_return(task=task, actor=org_a.mentor, comment=" ")
        task_return(task=task, actor=org_a.mentor, comment="Add a test.")
        task.refresh_from_db()
        assert (task.state, task.return_comment) == ("in_progress", "Add a test.")
        task_submit(task=task, actor=mentee, text="Added the test.")
        task_complete(task=task, actor=org_a.admin)
        assert Task.objects.get(pk=task.pk).state == "completed"
        with pytest.raises(ValidationError, match="already completed"):
            task_complete(task=task, actor=org_a.admin)


def test_a_task_for_the_term_reaches_every_active_mentee(org_a):
    first = confirmed_mentorship(org_a)
    second = confirmed_mentorship(org_a, term=first.term)
    with scope(organization=org_a.organization):
        with pytest.raises(PermissionDenied):
            task_create(actor=org_a.coordinator, term=first.term, title="x", due_at=timezone.now())
        tasks = task_create(
            actor=org_a.mentor, term=first.term, title="Write a blog post", due_at=timezone.now()
        )
        assert {t.mentorship_id for t in tasks} == {first.pk, second.pk}


def test_bad_task_input_is_refused_and_writes_nothing(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        with pytest.raises(ValidationError) as error:
            task_create(
                actor=org_a.mentor,
                mentorship=mentorship,
                title=" ",
                link="javascript:alert(1)",
                due_at=None,
            )
        assert set(error.value.message_dict) == {"title", "link", "due_at"}
        assert not Task.objects.exists()


def test_a_pdf_submission_is_checked_and_a_bad_one_leaves_nothing(org_a):
    mentorship = confirmed_mentorship(org_a)
    mentee = mentorship.mentee
    with scope(organization=org_a.organization):
        task = new_task(mentorship, org_a.mentor)
        task_start(task=task, actor=mentee)
        fake = SimpleUploadedFile("work.pdf", zip_bytes(), content_type="application/pdf")
        with pytest.raises(ValidationError) as error:
            task_submit(task=task, actor=mentee, upload=fake)
        assert "file" in error.value.message_dict
        assert Task.objects.get(pk=task.pk).state == "in_progress"
        assert not StoredFile.objects.exists()
        task_submit(task=task, actor=mentee, upload=pdf_upload("work.pdf", "My report"))
        task.refresh_from_db()
        assert task.state == "submitted" and task.submission_file is not None
    url = reverse(
        "mentorship:org-task-file",
        kwargs={
            "org": org_a.organization.slug,
            "mentorship": mentorship.public_id,
            "task": task.public_id,
        },
    )
    assert client_for(org_a.mentor).get(url).status_code == 200


def test_task_pages_and_api_as_mentee_and_mentor(org_a):
    mentorship = confirmed_mentorship(org_a)
    mentee = mentorship.mentee
    with scope(organization=org_a.organization):
        task = new_task(mentorship, org_a.mentor, title="Read the docs")
    me_url = reverse(
        "mentorship:me-mentorship-task",
        kwargs={"mentorship": mentorship.public_id, "task": task.public_id},
    )
    client = client_for(mentee)
    assert "Read the docs" in client.get(me_url).content.decode()
    client.post(me_url, {"action": "start"})
    response = client.post(me_url, {"action": "submit", "text": "Done reading."})
    assert response.status_code == 302
    api = api_client_for(org_a.mentor)
    list_url = reverse("api:tasks-list", kwargs={"org": org_a.organization.slug})
    assert api.get(list_url).json()["results"][0]["state"] == "submitted"
    detail = reverse(
        "api:tasks-complete", kwargs={"org": org_a.organization.slug, "task": task.public_id}
    )
    assert api.post(detail).status_code == 200
    mine = api_client_for(mentee).get(reverse("api:my-tasks-list")).json()["results"]
    assert [t["state"] for t in mine] == ["completed"]
    # A mentor cannot move the mentee's task through /me/.
    assert client_for(org_a.mentor).post(me_url, {"action": "start"}).status_code == 403


def test_only_the_listed_moves_happen(org_a):
    mentorship = confirmed_mentorship(org_a)
    mentee = mentorship.mentee
    with scope(organization=org_a.organization):
        task = new_task(mentorship, org_a.mentor)
        with pytest.raises(ValidationError):
            task_return(task=task, actor=org_a.mentor, comment="Not even started")
        task_start(task=task, actor=mentee)
        task_submit(task=task, actor=mentee, text="Done")
        with pytest.raises(ValidationError):
            task_start(task=task, actor=mentee)  # a mentee cannot pull back a submission
        assert Task.objects.get(pk=task.pk).state == "submitted"
