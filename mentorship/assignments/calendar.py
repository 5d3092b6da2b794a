"""The tasks a person has due as calendar events (the private feed of mentorship/calendars/
gathers them): a mentee's open tasks (to do, in progress) of their active mentorships."""

from django.conf import settings
from django.urls import reverse

from accounts.people.models import User
from core.ical import CalendarEvent
from core.tenancy import cross_tenant
from mentorship.assignments.models import Task, TaskState


@cross_tenant
def task_events(*, user: User) -> list[CalendarEvent]:
    """CROSS-TENANT (a person's mentorships may be in several organizations): filtered by
    the person being the task's mentee. One query."""
    tasks = (
        Task.objects.filter(
            mentorship__mentee=user,
            mentorship__state="active",
            state__in=[TaskState.TODO, TaskState.IN_PROGRESS],
        )
        .select_related("mentorship__term__program")
        .order_by("due_at", "pk")
    )
    site = settings.SITE_URL.rstrip("/")
    return [
        CalendarEvent(
            uid=f"task-{task.public_id.hex}",
            summary=f"{task.mentorship.term.program.name}: task “{task.title}” due",
            at=task.due_at,
            description="Submit the task by then.",
            url=site
            + reverse(
                "mentorship:me-mentorship-task",
                kwargs={"mentorship": task.mentorship.public_id, "task": task.public_id},
            ),
            modified=task.updated_at,
        )
        for task in tasks
    ]
