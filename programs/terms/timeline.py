"""The term timeline: presets, the order rules, and what a term's milestones and the clock
say about it (its phase, whether it accepts applications). Pure functions over a term's
instants, shared by services, selectors, pages and the API, so there is one definition of
each rule."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

from programs.cycles.models import Cycle
from programs.programs.models import ProgramStatus
from programs.terms.models import (
    EVALUATION_KINDS,
    REQUIRED_EVALUATIONS,
    MilestoneKind,
    Term,
    TermKind,
)
from programs.timezones import format_instant

K = MilestoneKind

# Deadlines fall at 18:00 UTC on their day unless an admin moves them.
DEADLINE_TIME = time(18, 0)

# Days relative to the term start T: (full-time, part-time). "End of week N" is T + 7·N.
PRESET_DAYS: dict[str, tuple[int, int]] = {
    K.APPLICATIONS_OPEN: (-35, -35),
    K.APPLICATIONS_CLOSE: (-20, -20),
    K.REVIEW_START: (-19, -19),
    K.REVIEW_END: (-6, -6),
    K.RESULTS_ANNOUNCED: (-4, -4),
    K.TERM_START: (0, 0),
    K.KICKOFF: (1, 1),
    K.EVALUATION_1: (7 * 3, 7 * 6),
    K.MIDTERM: (7 * 6, 7 * 12),
    K.EVALUATION_3: (7 * 9, 7 * 18),
    K.FINAL: (7 * 12, 7 * 24),
    K.TERM_END: (7 * 12, 7 * 24),
}
APPLICATIONS_OPEN_OFFSET = -PRESET_DAYS[K.APPLICATIONS_OPEN][0]
APPLICATIONS_CLOSE_OFFSET = -PRESET_DAYS[K.APPLICATIONS_CLOSE][0]


def at_deadline_time(day: date) -> datetime:
    return datetime.combine(day, DEADLINE_TIME, tzinfo=UTC)


def preset_instants(kind: str, start_date: date) -> dict[str, datetime]:
    """The preset timeline of a term of `kind` starting on `start_date`."""
    column = 0 if kind == TermKind.FULL_TIME else 1
    return {
        milestone: at_deadline_time(start_date + timedelta(days=days[column]))
        for milestone, days in PRESET_DAYS.items()
    }


def is_required(kind: str) -> bool:
    return kind not in EVALUATION_KINDS or kind in REQUIRED_EVALUATIONS


# --- order rules -------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderRule:
    earlier: str
    later: str
    strict: bool  # True: earlier < later; False: earlier <= later
    message: str

    def holds(self, instants: dict[str, datetime]) -> bool:
        a, b = instants[self.earlier], instants[self.later]
        return a < b if self.strict else a <= b


def _inside_term(kind: str, label: str) -> list[OrderRule]:
    return [
        OrderRule(K.TERM_START, kind, True, f"{label} must fall inside the term, after it starts."),
        OrderRule(kind, K.TERM_END, False, f"{label} must fall inside the term, by its end."),
    ]


ORDER_RULES: list[OrderRule] = [
    OrderRule(
        K.APPLICATIONS_OPEN, K.APPLICATIONS_CLOSE, True, "Applications must open before they close."
    ),
    OrderRule(
        K.APPLICATIONS_CLOSE,
        K.TERM_START,
        True,
        "Applications must close before the term starts.",
    ),
    OrderRule(
        K.APPLICATIONS_CLOSE,
        K.REVIEW_START,
        False,
        "Review and selection start once applications have closed.",
    ),
    OrderRule(
        K.REVIEW_START, K.REVIEW_END, True, "Review must start before the selection deadline."
    ),
    OrderRule(
        K.REVIEW_END,
        K.RESULTS_ANNOUNCED,
        False,
        "Mentors must finish selecting before the results are announced.",
    ),
    OrderRule(
        K.RESULTS_ANNOUNCED,
        K.TERM_START,
        True,
        "Results must be announced before the term starts.",
    ),
    OrderRule(K.TERM_START, K.KICKOFF, False, "The kickoff cannot be before the term starts."),
    OrderRule(K.KICKOFF, K.TERM_END, True, "The kickoff must be before the term ends."),
    OrderRule(K.TERM_START, K.TERM_END, True, "The term must start before it ends."),
    *_inside_term(K.EVALUATION_1, "Evaluation 1"),
    *_inside_term(K.MIDTERM, "The midterm evaluation"),
    *_inside_term(K.EVALUATION_3, "Evaluation 3"),
    *_inside_term(K.FINAL, "The final evaluation"),
    OrderRule(
        K.EVALUATION_1, K.MIDTERM, True, "Evaluation 1 must come before the midterm evaluation."
    ),
    OrderRule(
        K.MIDTERM, K.EVALUATION_3, True, "The midterm evaluation must come before evaluation 3."
    ),
    OrderRule(K.EVALUATION_3, K.FINAL, True, "Evaluation 3 must come before the final evaluation."),
]


def _label(kind: str) -> str:
    return K(kind).label.split(" (")[0].lower()


def timeline_errors(
    instants: dict[str, datetime], cycle: Cycle, changed: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Every broken order rule of a whole timeline, as {milestone kind: [messages]}. A
    message goes to the milestone the admin changed (the later one when both or neither
    changed), and names both instants in the viewer's time zone."""
    changed = set(changed)
    errors: dict[str, list[str]] = {}

    def add(kind: str, message: str) -> None:
        errors.setdefault(kind, []).append(message)

    for rule in ORDER_RULES:
        if rule.holds(instants):
            continue
        target = (
            rule.earlier if rule.earlier in changed and rule.later not in changed else rule.later
        )
        add(
            target,
            f"{rule.message} ({_label(rule.earlier)}: {format_instant(instants[rule.earlier])}; "
            f"{_label(rule.later)}: {format_instant(instants[rule.later])}.)",
        )
    if instants[K.APPLICATIONS_OPEN] < cycle.applications_open_at:
        add(
            K.APPLICATIONS_OPEN,
            f"Applications cannot open before the cycle “{cycle.name}” opens, "
            f"{format_instant(cycle.applications_open_at)}.",
        )
    if instants[K.APPLICATIONS_CLOSE] > cycle.applications_close_at:
        add(
            K.APPLICATIONS_CLOSE,
            f"Applications must close inside the cycle “{cycle.name}”, by "
            f"{format_instant(cycle.applications_close_at)}.",
        )
    return errors


def start_date_range(cycle: Cycle) -> tuple[date, date]:
    """The start dates whose preset application window fits inside the cycle's window."""
    earliest = (cycle.applications_open_at + timedelta(days=APPLICATIONS_OPEN_OFFSET)).astimezone(
        UTC
    )
    first = earliest.date()
    if at_deadline_time(first) - timedelta(days=APPLICATIONS_OPEN_OFFSET) < (
        cycle.applications_open_at
    ):
        first += timedelta(days=1)
    latest = (cycle.applications_close_at + timedelta(days=APPLICATIONS_CLOSE_OFFSET)).astimezone(
        UTC
    )
    last = latest.date()
    if at_deadline_time(last) - timedelta(days=APPLICATIONS_CLOSE_OFFSET) > (
        cycle.applications_close_at
    ):
        last -= timedelta(days=1)
    return first, last


# --- phase and accepting applications ------------------------------------------------------


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    ACCEPTING = "accepting", "Accepting applications"
    REVIEWING = "reviewing", "Reviewing"
    IN_PROGRESS = "in_progress", "In progress"
    FINISHED = "finished", "Finished"


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def submissions_open(term: Term, now: datetime | None = None) -> bool:
    """Started applications can still be submitted: the program is published and the
    instant lies in [applications open, applications close). Closing early does not end
    this: drafts begun before stay finishable until the deadline."""
    now = _now(now)
    return (
        term.program.status == ProgramStatus.APPROVED
        and term.applications_open_at <= now < term.applications_close_at
    )


def accepting_applications(term: Term, now: datetime | None = None) -> bool:
    """New applications may be started: submissions are open and an admin has not closed
    applications early. The queryset twin is `accepting_q`; keep the two in step."""
    return submissions_open(term, now) and term.applications_closed_early_at is None


def accepting_q(now: datetime | None = None, prefix: str = "") -> Q:
    """`accepting_applications` as a filter on terms (prefix e.g. 'terms__')."""
    now = _now(now)
    return Q(
        **{
            f"{prefix}program__status": ProgramStatus.APPROVED,
            f"{prefix}applications_open_at__lte": now,
            f"{prefix}applications_close_at__gt": now,
            f"{prefix}applications_closed_early_at__isnull": True,
        }
    )


def term_phase(term: Term, now: datetime | None = None) -> Phase:
    """Where a term stands, derived from its milestones and the clock only."""
    now = _now(now)
    if now >= term.ends_at:
        return Phase.FINISHED
    if now >= term.starts_at:
        return Phase.IN_PROGRESS
    if accepting_applications(term, now):
        return Phase.ACCEPTING
    if now >= term.applications_close_at or (
        term.applications_closed_early_at is not None and now >= term.applications_open_at
    ):
        return Phase.REVIEWING
    return Phase.UPCOMING
