"""The person's application deadlines as calendar events (the private feed of
mentorship/calendars/ gathers them): the close of applications of each term they hold a
draft or a submitted application in."""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from core.ical import CalendarEvent
from core.tenancy import cross_tenant
from programs.terms.models import Milestone, MilestoneKind


@cross_tenant
def application_events(*, user: User) -> list[CalendarEvent]:
    """CROSS-TENANT (a person applies to several organizations): filtered by the applicant,
    so only the person's own applications come back. Two queries whatever their number."""
    applications = (
        Application.objects.filter(
            applicant=user, state__in=[ApplicationState.DRAFT, ApplicationState.SUBMITTED]
        )
        .select_related("term__program", "term__cycle")
        .prefetch_related(
            Prefetch(
                "term__milestones",
                queryset=Milestone.objects.filter(kind=MilestoneKind.APPLICATIONS_CLOSE),
            )
        )
        .order_by("pk")
    )
    site = settings.SITE_URL.rstrip("/")
    events = []
    for application in applications:
        term = application.term
        close = next(iter(term.milestones.all()), None)
        draft = application.state == ApplicationState.DRAFT
        events.append(
            CalendarEvent(
                uid=f"application-{application.public_id.hex}-close",
                summary=f"{term.program.name}: applications close"
                + (" (your draft is not submitted)" if draft else ""),
                at=term.applications_close_at,
                description=(
                    f"Submit your application to {term.program.name} ({term.cycle.name}) "
                    "before this."
                    if draft
                    else f"Your application to {term.program.name} ({term.cycle.name}) is "
                    "submitted; applications close then."
                ),
                url=site
                + reverse(
                    "applications:my-application", kwargs={"application": application.public_id}
                ),
                modified=close.updated_at if close else None,
            )
        )
    return events
