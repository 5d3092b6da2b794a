"""Tasks: a mentor or admin assigns work to one mentee or every active mentee of a term;
the mentee starts it and submits it (a link, a text or a PDF); a mentor or admin completes
it or sends it back to In progress with a comment. `task_transition` is the only code that
changes `Task.state` (compare-and-set, audited). Each move tells the other side."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from accounts.people.models import User
from core.audit.services import audit_record
from core.transitions import state_transition
from core.uploads.models import StoredFile
from core.uploads.services import discard, store_pdf
from mentorship.assignments.models import Task, TaskState
from mentorship.mentorships.emails import mentorship_notify
from mentorship.mentorships.models import Mentorship, MentorshipState
from programs.terms.models import Term

T = TaskState

TASK_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (T.TODO, T.IN_PROGRESS): None,
    (T.IN_PROGRESS, T.SUBMITTED): "submitted_at",
    (T.SUBMITTED, T.COMPLETED): "completed_at",
    (T.SUBMITTED, T.IN_PROGRESS): None,  # sent back with a comment
}
TASK_REFUSALS = {
    T.TODO: "This task is not started yet: there is nothing to complete or send back.",
    T.IN_PROGRESS: "This task is in progress: the mentee has not submitted it.",
    T.SUBMITTED: "This task is submitted and waits for a mentor.",
    T.COMPLETED: "This task is already completed.",
}


@transaction.atomic
def task_transition(
    *, task: Task, to_state: str, actor: User | None, reason: str = "", updates=None
) -> Task:
    return state_transition(
        obj=task,
        to_state=to_state,
        actor=actor,
        transitions=TASK_TRANSITIONS,
        refusals=TASK_REFUSALS,
        reason=reason,
        updates=updates,
    )


def _clean(*, title: str, description: str, link: str, due_at) -> dict:
    errors = {}
    title = (title or "").strip()
    description = (description or "").strip()
    link = (link or "").strip()
    if not title:
        errors["title"] = "Give the task a title."
    elif len(title) > 200:
        errors["title"] = "Use at most 200 characters."
    if len(description) > 5000:
        errors["description"] = "Use at most 5,000 characters."
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            errors["link"] = "Enter a web address starting with https:// or http://."
    if due_at is None:
        errors["due_at"] = "Give the task a due date."
    if errors:
        raise ValidationError(errors)
    return {"title": title, "description": description, "link": link, "due_at": due_at}


@transaction.atomic
def task_create(
    *,
    actor: User | None,
    title: str,
    due_at: datetime,
    description: str = "",
    link: str = "",
    mentorship: Mentorship | None = None,
    term: Term | None = None,
) -> list[Task]:
    """Assigns a task to one mentorship's mentee, or (with `term`) to every active mentee
    of the term: one task per mentorship, so each mentee moves their own."""
    if (mentorship is None) == (term is None):
        raise ValidationError("Assign the task to one mentorship or to a term.")
    target = mentorship or term
    if actor is not None and not actor.has_perm("mentorship.manage_tasks", target):
        raise PermissionDenied("Only a mentor or an admin assigns tasks.")
    fields = _clean(title=title, description=description, link=link, due_at=due_at)
    if mentorship is not None:
        if mentorship.state != MentorshipState.ACTIVE:
            raise ValidationError("Tasks are assigned to active mentorships only.")
        mentorships = [mentorship]
    else:
        mentorships = list(
            Mentorship.objects.filter(
                term=term, organization_id=term.organization_id, state=MentorshipState.ACTIVE
            ).select_related("mentee", "term__program", "organization")
        )
        if not mentorships:
            raise ValidationError("This term has no active mentorships to assign tasks to.")
    tasks = []
    for target_mentorship in mentorships:
        task = Task.objects.create(
            organization_id=target_mentorship.organization_id,
            mentorship=target_mentorship,
            created_by=actor,
            **fields,
        )
        audit_record(
            action="task.todo",
            obj=task,
            actor=actor,
            organization=target_mentorship.organization,
            to_state=T.TODO,
            reason=f"Task assigned: {task.title}",
        )
        mentorship_notify(
            mentorship=target_mentorship,
            subject=f"new task: {task.title}",
            message=f"A new task is assigned: {task.title}, due {task.due_at:%d %B %Y}.",
            mentors=False,
        )
        tasks.append(task)
    return tasks


def _mentee_only(task: Task, actor: User | None) -> None:
    if actor is not None and task.mentorship.mentee_id != actor.pk:
        raise PermissionDenied("Only the mentee moves their task.")
    if task.mentorship.state != MentorshipState.ACTIVE:
        raise ValidationError("This mentorship is no longer active.")


@transaction.atomic
def task_start(*, task: Task, actor: User | None) -> Task:
    """The mentee starts a task (To do → In progress)."""
    _mentee_only(task, actor)
    if task.state != T.TODO:
        raise ValidationError(TASK_REFUSALS[task.state])
    return task_transition(task=task, to_state=T.IN_PROGRESS, actor=actor)


@transaction.atomic
def task_submit(
    *, task: Task, actor: User | None, link: str = "", text: str = "", upload=None
) -> Task:
    """The mentee submits a task in progress with a link, a text or a PDF (checked like
    every upload: it must parse as a PDF); the mentors are told."""
    _mentee_only(task, actor)
    link, text = (link or "").strip(), (text or "").strip()
    if not (link or text or upload):
        raise ValidationError("Submit a link, a text or a PDF.")
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ValidationError(
                {"link": "Enter a web address starting with https:// or http://."}
            ) from None
    if len(text) > 5000:
        raise ValidationError({"text": "Use at most 5,000 characters."})
    if task.state != T.IN_PROGRESS:
        raise ValidationError(TASK_REFUSALS.get(task.state, "This task cannot be submitted."))
    stored = None
    if upload is not None:
        try:
            stored = store_pdf(upload=upload, owner=task.mentorship.mentee, purpose="task")
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    try:
        task = task_transition(
            task=task,
            to_state=T.SUBMITTED,
            actor=actor,
            updates={
                "submission_link": link,
                "submission_text": text,
                "submission_file": stored,
            },
        )
        mentorship_notify(
            mentorship=task.mentorship,
            subject=f"task submitted: {task.title}",
            message=f"{task.mentorship.mentee.name} submitted the task {task.title}.",
            mentee=False,
        )
    except BaseException:
        if stored is not None:
            discard(stored)
        raise
    return task


@transaction.atomic
def task_complete(*, task: Task, actor: User | None) -> Task:
    """A mentor or admin accepts a submitted task (Submitted → Completed)."""
    if actor is not None and not actor.has_perm("mentorship.manage_tasks", task):
        raise PermissionDenied("Only a mentor or an admin completes tasks.")
    task = task_transition(task=task, to_state=T.COMPLETED, actor=actor)
    mentorship_notify(
        mentorship=task.mentorship,
        subject=f"task completed: {task.title}",
        message=f"Your task {task.title} is marked completed.",
        mentors=False,
    )
    return task


@transaction.atomic
def task_return(*, task: Task, actor: User | None, comment: str) -> Task:
    """A mentor or admin sends a submitted task back to In progress, with a comment."""
    if actor is not None and not actor.has_perm("mentorship.manage_tasks", task):
        raise PermissionDenied("Only a mentor or an admin returns tasks.")
    comment = (comment or "").strip()
    if task.state != T.SUBMITTED:
        raise ValidationError(TASK_REFUSALS[task.state])
    if not comment:
        raise ValidationError({"comment": "Say what the mentee should change."})
    if len(comment) > 2000:
        raise ValidationError({"comment": "Use at most 2,000 characters."})
    task = task_transition(
        task=task,
        to_state=T.IN_PROGRESS,
        actor=actor,
        reason=comment,
        updates={"return_comment": comment},
    )
    mentorship_notify(
        mentorship=task.mentorship,
        subject=f"task sent back: {task.title}",
        message=f"Your task {task.title} was sent back to In progress: {comment}",
        mentors=False,
    )
    return task


def task_submission_file(task: Task) -> StoredFile | None:
    return task.submission_file
