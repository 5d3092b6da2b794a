from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.people.models import User
from applications.apply.models import Application, PrerequisiteAnswer
from applications.apply.selectors.eligibility import LIVE_STATES, RANKED_STATES, S
from applications.apply.selectors.prerequisites import (
    PrerequisiteRow,
    _rows,
    application_prerequisite_rows,
)
from applications.apply.selectors.visibility import state_for_mentee
from core.tenancy import cross_tenant
from programs.cycles.models import Cycle
from programs.prerequisites.models import Prerequisite
from programs.terms.timeline import accepting_applications, submissions_open
from programs.timezones import format_instant

# --- the mentee's own applications (CROSS-TENANT) --------------------------------------------


@cross_tenant
def my_application_get(*, user: User, public_id) -> Application:
    """One of the person's own applications, by its public id. Anyone else's application,
    or none, is the same 404. Cross-tenant because the /me/ URL names no organization;
    filtered by public id and applicant. Pages and the API reach it through
    `accounts.tenancy.owned_object`, which then enters the application's scope."""
    application = (
        Application.objects.filter(public_id=public_id, applicant=user)
        .select_related(
            "term__program__organization", "term__cycle", "cycle", "organization", "mentorship"
        )
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    return application


@dataclass
class MyApplication:
    application: Application
    state: str  # the state the mentee may see
    state_label: str
    prerequisites: list[PrerequisiteRow] = field(default_factory=list)
    next_step: str = ""
    can_withdraw: bool = False
    can_edit: bool = False
    can_reapply: bool = False
    results_at: datetime | None = None

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.prerequisites if row.done)

    @property
    def missing_required(self) -> list[PrerequisiteRow]:
        return [r for r in self.prerequisites if r.required_to_submit and not r.done]

    @property
    def open_later(self) -> list[PrerequisiteRow]:
        return [r for r in self.prerequisites if not r.required_to_submit and not r.done]


STATE_WORDS = {
    S.DRAFT: "Draft — not submitted yet",
    S.SUBMITTED: "Submitted",
    S.ACCEPTED: "Accepted",
    S.DECLINED: "Declined",
    S.WITHDRAWN: "Withdrawn",
}


def _next_step(item: MyApplication, now: datetime) -> str:
    application = item.application
    term = application.term
    if item.state == S.DRAFT:
        if not submissions_open(term, now):
            return "Applications to this term have closed; this draft can no longer be submitted."
        missing = len(item.missing_required) + (0 if application.cover_letter.strip() else 1)
        if missing:
            return (
                f"Complete {missing} more item{'s' if missing != 1 else ''} and submit by "
                f"{format_instant(term.applications_close_at)}."
            )
        return f"Everything is ready: submit by {format_instant(term.applications_close_at)}."
    if item.state == S.SUBMITTED:
        later = [r for r in item.open_later if r.open]
        if later:
            first = min(later, key=lambda r: r.due_at)
            return (
                f"Complete “{first.prerequisite.title}” by {format_instant(first.due_at)}. "
                f"Results are announced {format_instant(application.cycle.results_announced_at)}."
            )
        return (
            "Nothing to do: mentors are reviewing. Results are announced "
            f"{format_instant(application.cycle.results_announced_at)}."
        )
    if item.state == S.ACCEPTED:
        if hasattr(application, "mentorship"):
            return "You confirmed your place: your mentorship is under My mentorships."
        return (
            "Congratulations! Confirm or decline your place on the offer page before its deadline."
        )
    if item.state == S.DECLINED:
        return "This application was not selected. Decisions are final for this term."
    if accepting_applications(term, now):
        return "You withdrew this application. You can apply to this term again."
    return "You withdrew this application."


def describe(
    application: Application,
    prerequisites: list[Prerequisite],
    answers: dict[int, PrerequisiteAnswer],
    now: datetime,
) -> MyApplication:
    state = state_for_mentee(application=application, now=now)
    item = MyApplication(
        application=application,
        state=state,
        state_label=STATE_WORDS[state],
        prerequisites=_rows(application, prerequisites, answers, now),
        results_at=application.cycle.results_announced_at,
    )
    item.can_withdraw = state in (S.DRAFT, S.SUBMITTED) and application.state in (
        S.DRAFT,
        S.SUBMITTED,
    )
    item.can_edit = application.state == S.DRAFT and submissions_open(application.term, now)
    item.can_reapply = state == S.WITHDRAWN and accepting_applications(application.term, now)
    item.next_step = _next_step(item, now)
    return item


@cross_tenant
def my_applications(*, user: User, now: datetime | None = None) -> list[MyApplication]:
    """Every application of the person, in every organization (hence cross-tenant; filtered
    by applicant, and prerequisites by those applications' terms and organizations), with its state
    as the mentee may see it (decisions only from the cycle's announcement), its
    prerequisites done and due, and the next thing to do. A fixed number of queries."""
    now = now or timezone.now()
    applications = list(
        Application.objects.filter(applicant=user)
        .select_related("term__program__organization", "cycle", "organization", "mentorship")
        .order_by("-cycle__applications_open_at", "mentee_rank", "-created_at", "-id")
    )
    if not applications:
        return []
    terms = {a.term_id for a in applications}
    organizations = {a.organization_id for a in applications}
    prerequisites = list(
        Prerequisite.objects.filter(
            Q(term_id__in=terms) | Q(term__isnull=True, organization_id__in=organizations)
        ).order_by("term_id", "created_at", "id")
    )
    answers = list(
        PrerequisiteAnswer.objects.filter(application__in=applications).select_related("file")
    )
    by_application: dict[int, dict[int, PrerequisiteAnswer]] = {}
    for answer in answers:
        by_application.setdefault(answer.application_id, {})[answer.prerequisite_id] = answer
    items = []
    for application in applications:
        own = [
            p
            for p in prerequisites
            if p.term_id == application.term_id
            or (p.term_id is None and p.organization_id == application.organization_id)
        ]
        own.sort(key=lambda p: (p.term_id is not None, p.created_at, p.pk))
        items.append(describe(application, own, by_application.get(application.pk, {}), now))
    live_terms = {i.application.term_id for i in items if i.application.state in LIVE_STATES}
    for item in items:
        if item.can_reapply and item.application.term_id in live_terms:
            item.can_reapply = False
            item.next_step = "You withdrew this application and applied again."
    return items


def my_application_item(*, application: Application, now: datetime | None = None) -> MyApplication:
    """One of the person's applications described like a row of my_applications (found
    with my_application_get, so it is theirs). Runs inside the application's scope, which
    `accounts.tenancy.owned_object` entered."""

    now = now or timezone.now()
    rows = application_prerequisite_rows(application=application, now=now)
    return describe(
        application,
        [row.prerequisite for row in rows],
        {row.prerequisite.pk: row.answer for row in rows if row.answer},
        now,
    )


@dataclass
class CycleGroup:
    cycle: Cycle
    ranked: list[MyApplication]
    others: list[MyApplication]
    ranking_editable: bool


def my_applications_by_cycle(*, user: User, now: datetime | None = None) -> list[CycleGroup]:
    """CROSS-TENANT (through my_applications): the person's applications grouped by cycle,
    the ranked ones (submitted, in the mentee's order) first."""
    now = now or timezone.now()
    groups: dict[int, CycleGroup] = {}
    for item in my_applications(user=user, now=now):
        cycle = item.application.cycle
        group = groups.get(cycle.pk)
        if group is None:
            group = groups[cycle.pk] = CycleGroup(
                cycle=cycle, ranked=[], others=[], ranking_editable=now < cycle.results_announced_at
            )
        if item.application.state in RANKED_STATES:
            group.ranked.append(item)
        else:
            group.others.append(item)
    for group in groups.values():
        group.ranked.sort(
            key=lambda i: (i.application.mentee_rank or 10**6, i.application.submitted_at)
        )
    return list(groups.values())


@cross_tenant
def ranked_applications(*, user: User, cycle: Cycle) -> list[Application]:
    """The person's ranked applications of the cycle in their order (1 = most wanted).
    Cross-tenant because a mentee ranks applications to several organizations in one
    cycle; filtered by applicant, cycle and state. Returns a list."""
    return list(
        Application.objects.filter(applicant=user, cycle=cycle, state__in=RANKED_STATES).order_by(
            "mentee_rank", "submitted_at", "id"
        )
    )
