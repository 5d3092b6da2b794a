"""What the mentorship page shows its mentee, mentors and admins during the term: its own
dates as a timeline with today marked, what is due next, the tasks, the evaluations and the
people. One selector for both pages (/me/ and /o/<org>/)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from mentorship.assignments.models import TaskState
from mentorship.assignments.selectors import mentorship_tasks
from mentorship.certificates.models import Certificate
from mentorship.evaluations.selectors import mentorship_evaluations
from mentorship.mentorships.models import Mentorship


@dataclass
class TimelineItem:
    label: str
    at: datetime | None
    is_past: bool = False
    is_today: bool = False
    note: str = ""


def mentorship_home(*, mentorship: Mentorship, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    evaluations = mentorship_evaluations(mentorship=mentorship, now=now)
    tasks = mentorship_tasks(mentorship=mentorship)
    items = [TimelineItem("Term starts", mentorship.starts_at)]
    for evaluation in evaluations:
        items.append(
            TimelineItem(
                f"{evaluation.get_kind_display()} · week {evaluation.week}",
                evaluation.due_at,
                note="Skipped" if evaluation.is_skipped else evaluation.get_state_display(),
            )
        )
    items.append(TimelineItem("Term ends", mentorship.ends_at))
    for item in items:
        item.is_past = item.at < now
    position = sum(1 for item in items if item.is_past)
    items.insert(position, TimelineItem("Today", now, is_today=True))
    upcoming = [
        (e.due_at, f"{e.get_kind_display()}", "evaluation")
        for e in evaluations
        if e.state == "pending" and not e.is_skipped and (e.required or e.due_at >= now)
    ] + [
        (t.due_at, t.title, "task")
        for t in tasks
        if t.state in (TaskState.TODO, TaskState.IN_PROGRESS)
    ]
    upcoming.sort(key=lambda entry: entry[0])
    next_due = upcoming[0] if upcoming and mentorship.state == "active" else None
    return {
        "mentorship": mentorship,
        "timeline": items,
        "next_due": next_due,
        "evaluations": evaluations,
        "tasks": tasks,
        "certificate": Certificate.objects.filter(mentorship=mentorship).first(),
        "now": now,
    }
