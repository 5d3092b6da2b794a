"""The evaluations a person has due as calendar events (the private feed of
mentorship/calendars/ gathers them): a mentor, each pending checkpoint of the active
mentorships they mentor; a mentee, the checkpoints of their own."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from accounts.people.models import User
from core.ical import CalendarEvent
from core.tenancy import cross_tenant
from mentorship.evaluations.models import Evaluation, EvaluationState


@cross_tenant
def evaluation_events(*, user: User) -> list[CalendarEvent]:
    """CROSS-TENANT (a person mentors or is mentored in several organizations): filtered by
    the person being the mentorship's mentee or one of its mentors. One query."""
    evaluations = (
        Evaluation.objects.filter(
            Q(mentorship__mentee=user) | Q(mentorship__mentors__user=user),
            state=EvaluationState.PENDING,
            mentorship__state="active",
        )
        .select_related("mentorship__mentee", "mentorship__term__program", "organization")
        .distinct()
        .order_by("due_at", "pk")
    )
    site = settings.SITE_URL.rstrip("/")
    events = []
    for evaluation in evaluations:
        mentorship = evaluation.mentorship
        program = mentorship.term.program.name
        kind = evaluation.get_kind_display()
        if mentorship.mentee_id == user.pk:
            summary = f"{program}: {kind} due"
            description = f"Your mentors give their verdict on your {kind.lower()} by then."
            path = reverse("mentorship:me-mentorship", kwargs={"mentorship": mentorship.public_id})
        else:
            summary = f"{program}: {kind} of {mentorship.mentee.name} due"
            description = f"Give your verdict on {mentorship.mentee.name}'s {kind.lower()}."
            path = reverse(
                "mentorship:org-mentorship",
                kwargs={"org": evaluation.organization.slug, "mentorship": mentorship.public_id},
            )
        events.append(
            CalendarEvent(
                uid=f"evaluation-{evaluation.public_id.hex}",
                summary=summary,
                at=evaluation.due_at,
                description=description,
                url=site + path,
                modified=evaluation.updated_at,
            )
        )
    return events
