"""The tasks' reminder rule (core.reminders): a mentee hears a day before a task of theirs
is due while it is not submitted, once per task and due date."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant
from mentorship.assignments.models import Task, TaskState


@cross_tenant
def tasks_due(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): open tasks of active mentorships
    due in (start, end]; each reminder goes to the task's own mentee only."""
    tasks = Task.objects.filter(
        state__in=[TaskState.TODO, TaskState.IN_PROGRESS],
        mentorship__state="active",
        due_at__gt=start,
        due_at__lte=end,
    )
    if term_id is not None:
        tasks = tasks.filter(mentorship__term_id=term_id)
    tasks = tasks.select_related("mentorship__term__program").order_by("due_at", "pk")
    return [
        Due(
            subject=subject_key("task", task.pk, task.due_at),
            organization_id=task.organization_id,
            recipient_ids=[task.mentorship.mentee_id],
            context={
                "program": task.mentorship.term.program.name,
                "task": task.title,
                "due_at": task.due_at,
                "link": settings.SITE_URL.rstrip("/")
                + reverse(
                    "mentorship:me-mentorship-task",
                    kwargs={"mentorship": task.mentorship.public_id, "task": task.public_id},
                ),
                "link_text": task.title,
            },
            at=task.due_at,
            term_id=task.mentorship.term_id,
        )
        for task in tasks
    ]


register(
    ReminderRule(
        name="mentorship.task_due_tomorrow",
        trigger="1 day before a task is due, while it is to do or in progress",
        audience="The task's mentee",
        template="task_due_tomorrow",
        find=tasks_due,
        window=(timedelta(0), timedelta(days=1)),
        optional=True,
    )
)
