"""Kept so that templates which `{% load programs_tags %}` still work: the date filter and
the zone tag are the site-wide ones from core/templatetags/dates.py (a builtin). Also a
term's dates as the drawn timeline shows them (`{% timeline %}`, core)."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.urls import reverse

from core.dates import format_instant
from core.templatetags.dates import current_zone, instant
from programs.terms.models import MilestoneKind

register = template.Library()
register.filter("instant", instant)
register.simple_tag(current_zone, name="current_zone")


@dataclass
class TimelineEntry:
    """A milestone as a drawn timeline shows it (core/templatetags/timelines.py)."""

    label: str
    at: datetime
    note: str = ""
    calendar_url: str = ""


@register.simple_tag
def public_term_dates(term) -> list[TimelineEntry]:
    """The term's timeline as applicants see it, each date with its own .ics download."""
    program = term.program
    return [
        TimelineEntry(
            label=m.get_kind_display(),
            at=m.at,
            calendar_url=reverse(
                "programs:term-milestone-calendar",
                kwargs={
                    "org": program.organization.slug,
                    "program": program.slug,
                    "term": term.pk,
                    "kind": m.kind,
                },
            ),
        )
        for m in term.shown_timeline()
    ]


@register.simple_tag
def admin_term_dates(term) -> list[TimelineEntry]:
    """The term's own timeline (the results milestone is when the selection should be done;
    applicants see the cycle's announcement)."""
    announced = term.cycle.results_announced_at
    entries = []
    for m in term.timeline():
        note = ""
        if m.kind == MilestoneKind.RESULTS_ANNOUNCED and m.at != announced:
            note = (
                f"applicants see the results when the cycle “{term.cycle.name}” announces "
                f"them, {format_instant(announced)}; this is when your selection should be done"
            )
        entries.append(TimelineEntry(label=m.get_kind_display(), at=m.at, note=note))
    return entries
