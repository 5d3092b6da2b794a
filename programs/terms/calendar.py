"""A term's timeline as calendar events (core/ical.py writes them): one event per milestone
as applicants see it, in UTC. Each event's UID names the term and the milestone kind, so a
calendar that subscribed updates the same event when a date moves."""

from core.ical import CalendarEvent, ical_calendar
from programs.terms.models import Term


def milestone_events(*, term: Term, url: str) -> list[CalendarEvent]:
    program = term.program
    return [
        CalendarEvent(
            uid=f"term-{term.pk}-{milestone.kind}",
            summary=f"{program.name}: {milestone.get_kind_display()}",
            at=milestone.at,
            description=f"{program.organization.name}, {term.cycle.name}.",
            url=url,
            modified=milestone.updated_at,
        )
        for milestone in term.shown_timeline()
    ]


def term_calendar(*, term: Term, url: str, kind: str | None = None) -> bytes | None:
    """The term's feed, or the one milestone `kind` as a download (None when the term shows
    no such milestone)."""
    events = milestone_events(term=term, url=url)
    if kind is not None:
        events = [e for e in events if e.uid == f"term-{term.pk}-{kind}"]
        if not events:
            return None
    return ical_calendar(
        name=f"{term.program.name} ({term.cycle.name})", events=events, product="Term timeline"
    )
