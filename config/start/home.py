"""The home page: what the platform is, headline figures, open programs and deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from applications.apply.models import Application
from config.start.todo import S
from core.tenancy import cross_tenant
from programs.catalog import selectors as catalog_selectors
from programs.cycles.models import Cycle
from programs.programs.models import Program, ProgramStatus
from programs.terms.models import Term, TermMentor


@dataclass
class Deadline:
    term: Term
    at: datetime


@cross_tenant
def home_figures(*, now: datetime | None = None) -> dict[str, int]:
    """Cross-tenant because the home page counts the whole platform; only counts leave here,
    no row of any organization. The headline figures of the home page."""
    now = now or timezone.now()
    return {
        "open_programs": catalog_selectors.catalog_programs(now=now).count(),
        "organizations": Program.objects.filter(status=ProgramStatus.APPROVED)
        .values("organization_id")
        .distinct()
        .count(),
        "mentees": Application.objects.filter(
            Q(state=S.ACCEPTED), cycle__results_announced_at__lte=now
        ).count(),
        "mentors": TermMentor.objects.filter(term__program__status=ProgramStatus.APPROVED)
        .values("user_id")
        .distinct()
        .count(),
    }


def home_page(*, now: datetime | None = None) -> dict:
    """Open programs (the first six of the catalog, soonest deadline first), the upcoming
    application deadlines and the figures."""
    now = now or timezone.now()
    programs = list(catalog_selectors.catalog_programs(now=now))
    deadlines = sorted(
        (Deadline(term=t, at=t.applications_close_at) for p in programs for t in p.open_terms),
        key=lambda d: d.at,
    )
    for deadline in deadlines:
        deadline.term.program = next(p for p in programs if p.pk == deadline.term.program_id)
    programs.sort(key=lambda p: min(t.applications_close_at for t in p.open_terms))
    cycle = (
        Cycle.objects.filter(results_announced_at__gt=now).order_by("applications_open_at").first()
    )
    return {
        "programs": programs[:6],
        "more_programs": max(0, len(programs) - 6),
        "deadlines": deadlines[:5],
        "figures": home_figures(now=now),
        "cycle": cycle,
    }
