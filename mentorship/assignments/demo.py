"""Demo tasks (idempotent, through the services): `mentee@example.org`'s borealis
mentorship has a task in each state (to do, in progress, submitted, completed)."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.models import User
from mentorship.assignments.models import Task
from mentorship.assignments.services import (
    task_complete,
    task_create,
    task_start,
    task_submit,
)
from mentorship.mentorships.models import Mentorship

# title: (days from today it is due, the state it reaches)
TASKS = {
    "Set up the development environment": (-40, "completed"),
    "Fix a good-first-issue in the scheduler": (-5, "submitted"),
    "Write the design document for the operator": (6, "in_progress"),
    "Present your work at the community call": (20, "todo"),
}


def load_demo() -> dict[str, int]:
    borealis = Organization.objects.filter(slug="borealis").first()
    mentor = User.objects.filter(email="mentor.borealis@example.org").first()
    if borealis is None or mentor is None:
        return {"tasks": 0}
    created = 0
    today = timezone.now()
    with scope(organization=borealis):
        mentorship = (
            Mentorship.objects.select_related("mentee", "term__program", "organization")
            .filter(organization=borealis, mentee__email="mentee@example.org", state="active")
            .first()
        )
        if mentorship is None:
            return {"tasks": 0}
        mentee = mentorship.mentee
        for title, (days, state) in TASKS.items():
            if Task.objects.filter(mentorship=mentorship, title=title).exists():
                continue
            (task,) = task_create(
                actor=mentor,
                mentorship=mentorship,
                title=title,
                description="See the project board for the details.",
                due_at=today + timedelta(days=days),
                link="https://example.org/borealis/scheduler/issues",
            )
            created += 1
            if state == "todo":
                continue
            task_start(task=task, actor=mentee)
            if state == "in_progress":
                continue
            task_submit(
                task=task, actor=mentee, link="https://example.org/borealis/scheduler/pull/42"
            )
            if state == "completed":
                task_complete(task=task, actor=mentor)
    return {"tasks": created}
