"""Reads of the mentee's side of applying, shared by the pages and the API: eligibility,
the prerequisites of a term, the mentee's own applications across organizations and their
ranking.

Functions marked CROSS-TENANT run unscoped on purpose: a mentee's applications span
organizations, and a cycle's per-mentee rules count across all of them. Each one filters by
the applicant (the signed-in person) and is reviewed like security code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from accounts.models import User
from accounts.profile_selectors import (
    mentee_is_adult_on,
    mentee_profile_of,
    profile_missing_for_applying,
)
from applications.models import ACTIVE_STATES, Application, ApplicationState, PrerequisiteAnswer
from applications.selectors.visibility import decision_visible, state_for_mentee
from programs.models import Cycle, Prerequisite, Term
from programs.timeline import accepting_applications, submissions_open
from programs.timezones import format_instant

S = ApplicationState

# States a mentee ranks: everything submitted and not withdrawn. Accepted and declined are
# included because the mentee cannot see decisions before the announcement (ranking them
# differently would reveal the decision).
RANKED_STATES = (S.SUBMITTED, S.ACCEPTED, S.DECLINED)
# One live application per person and term: these block starting another one.
LIVE_STATES = (S.DRAFT, S.SUBMITTED, S.ACCEPTED)
ATTESTATION_ITEM = "18+ attestation with date of birth"


# --- eligibility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why a mentee may not apply: a stable code, a sentence, and where to fix it."""

    code: str
    message: str
    link: str = ""
    link_text: str = ""


def mentee_has_graduated(user: User) -> bool:
    """CROSS-TENANT: whether the person graduated from an earlier mentorship on the platform
    (any organization)."""
    from applications.models import Mentorship, MentorshipState

    with scopes_disabled():
        return Mentorship.objects.filter(mentee=user, state=MentorshipState.GRADUATED).exists()


def active_application_count(
    *, user: User, cycle: Cycle, exclude: Application | None = None
) -> int:
    """CROSS-TENANT: the person's active applications (submitted or accepted) in the cycle,
    in every organization: the number the cycle's limit applies to (PRODUCT.md rule 2).
    Withdrawn, declined and draft applications do not count. Under concurrency, call it
    with the applicant's user row locked (see applications.services.mentee)."""
    with scopes_disabled():
        queryset = Application.objects.filter(applicant=user, cycle=cycle, state__in=ACTIVE_STATES)
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude.pk)
        return queryset.count()


def live_application_for(*, user: User, term: Term) -> Application | None:
    """The person's draft, submitted or accepted application to the term, if any."""
    return (
        Application.objects.filter(organization=term.organization, term=term, applicant=user)
        .filter(state__in=LIVE_STATES)
        .first()
    )


def was_declined_for(*, user: User, term: Term) -> bool:
    return Application.objects.filter(
        organization=term.organization, term=term, applicant=user, state=S.DECLINED
    ).exists()


def cycle_limit_refusal(
    user: User, cycle: Cycle, exclude: Application | None = None
) -> Refusal | None:
    active = active_application_count(user=user, cycle=cycle, exclude=exclude)
    if active >= cycle.max_active_applications:
        return Refusal(
            "cycle_limit",
            f"You already have {active} active application{'s' if active != 1 else ''} in "
            f"the cycle “{cycle.name}”, its limit. Withdraw one from My applications to apply "
            "here.",
            reverse("applications:my-applications"),
            "My applications",
        )
    return None


def person_refusals(*, user: User, term: Term) -> list[Refusal]:
    """The rules about the person (profile, age, country, earlier graduation), checked both
    when starting and when submitting an application."""
    refusals = []
    profile = mentee_profile_of(user)
    missing = [m for m in profile_missing_for_applying(user, profile) if m != ATTESTATION_ITEM]
    profile_url = reverse("accounts:profile")
    if missing:
        refusals.append(
            Refusal(
                "profile_incomplete",
                f"Your profile is incomplete. Still missing: {', '.join(missing)}.",
                profile_url,
                "Complete your profile",
            )
        )
    if not profile.adult_attested:
        refusals.append(
            Refusal(
                "not_attested",
                "Confirm in your profile that you are 18 or older (with your date of birth).",
                profile_url,
                "Confirm your age",
            )
        )
    elif not mentee_is_adult_on(user, term.start_date):
        refusals.append(
            Refusal(
                "too_young",
                f"You must be 18 or older when the term starts ({term.start_date:%Y-%m-%d}).",
            )
        )
    cycle = term.cycle
    if profile.country and profile.country.code in {c.code for c in cycle.restricted_countries}:
        refusals.append(
            Refusal(
                "country_restricted",
                f"Residents of {profile.country.name} cannot apply in the cycle “{cycle.name}”.",
            )
        )
    if not cycle.graduates_may_apply and mentee_has_graduated(user):
        refusals.append(
            Refusal(
                "graduate",
                f"The cycle “{cycle.name}” is for people who have not completed a mentorship "
                "here before, and you graduated from one.",
            )
        )
    return refusals


def apply_refusals(*, user: User, term: Term, now: datetime | None = None) -> list[Refusal]:
    """Every reason the person may not start an application to `term` now; empty when they
    may. Runs in the term's organization scope."""
    now = now or timezone.now()
    refusals = []
    existing = live_application_for(user=user, term=term)
    if existing is not None:
        refusals.append(
            Refusal(
                "already_applied",
                "You already applied to this term.",
                reverse("applications:my-application", kwargs={"application": existing.public_id}),
                "Open your application",
            )
        )
        return refusals
    if was_declined_for(user=user, term=term):
        refusals.append(
            Refusal(
                "declined",
                "Your application to this term was declined; decisions are final, so you "
                "cannot apply to this term again. Other terms remain open to you.",
            )
        )
        return refusals
    if not accepting_applications(term, now):
        refusals.append(Refusal("not_accepting", "This term is not accepting applications now."))
    refusals += person_refusals(user=user, term=term)
    limit = cycle_limit_refusal(user, term.cycle)
    if limit:
        refusals.append(limit)
    return refusals


def term_for_applying(*, term_id) -> Term:
    """CROSS-TENANT: a term of a published program, by id, for the apply page (anyone may
    see published terms in the catalog). Unpublished programs' terms are a 404. Act on it
    inside `scope(organization=term.organization)`."""
    from programs.models import ProgramStatus

    with scopes_disabled():
        term = (
            Term.objects.filter(pk=term_id, program__status=ProgramStatus.APPROVED)
            .select_related("program__organization", "cycle", "organization")
            .first()
        )
    if term is None:
        raise Http404("No such term.")
    return term


# --- prerequisites ---------------------------------------------------------------------------


def term_prerequisites(*, term: Term) -> list[Prerequisite]:
    """The term's own prerequisites and its organization's standing ones (live), standing
    first. Runs in the term's organization scope."""
    return list(
        Prerequisite.objects.filter(organization=term.organization)
        .filter(Q(term=term) | Q(term__isnull=True))
        .order_by("term_id", "created_at", "id")
    )


@dataclass
class PrerequisiteRow:
    prerequisite: Prerequisite
    answer: PrerequisiteAnswer | None
    due_at: datetime
    required_to_submit: bool  # due by the applications deadline
    open: bool  # may still be answered now

    @property
    def done(self) -> bool:
        return bool(self.answer and self.answer.completed_at)


def _rows(application, prerequisites, answers, now) -> list[PrerequisiteRow]:
    term = application.term
    rows = []
    for prerequisite in prerequisites:
        due = prerequisite.due_for(term)
        answer = answers.get(prerequisite.pk)
        if answer is not None:
            answer.application = application  # already loaded: no query per answer
        rows.append(
            PrerequisiteRow(
                prerequisite=prerequisite,
                answer=answer,
                due_at=due,
                required_to_submit=due <= term.applications_close_at,
                open=answer_open(application, prerequisite, now),
            )
        )
    return rows


def answer_open(application: Application, prerequisite: Prerequisite, now=None) -> bool:
    """Whether the mentee may answer this prerequisite now: while a draft can still be
    submitted; after submitting, only prerequisites with a later due date, until it."""
    now = now or timezone.now()
    if application.state == S.DRAFT:
        return submissions_open(application.term, now)
    if application.state == S.SUBMITTED:
        due = prerequisite.due_for(application.term)
        return due > application.term.applications_close_at and now < due
    return False


def application_prerequisite_rows(
    *, application: Application, now: datetime | None = None
) -> list[PrerequisiteRow]:
    """Each prerequisite of the application's term with the mentee's answer. Runs in the
    application's organization scope."""
    now = now or timezone.now()
    answers = {
        a.prerequisite_id: a
        for a in PrerequisiteAnswer.objects.filter(
            organization=application.organization, application=application
        ).select_related("file")
    }
    return _rows(application, term_prerequisites(term=application.term), answers, now)


# --- the mentee's own applications (CROSS-TENANT) --------------------------------------------


def my_application_get(*, user: User, public_id) -> Application:
    """CROSS-TENANT: one of the person's own applications, by its public id. Anyone else's
    application, or none, is the same 404. Act on it inside
    `scope(organization=application.organization)`."""
    with scopes_disabled():
        application = (
            Application.objects.filter(public_id=public_id, applicant=user)
            .select_related("term__program__organization", "term__cycle", "cycle", "organization")
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
        return (
            "Congratulations! Confirm your place by "
            f"{format_instant(application.cycle.confirmation_deadline)}."
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


def my_applications(*, user: User, now: datetime | None = None) -> list[MyApplication]:
    """CROSS-TENANT: every application of the person, in every organization, with its state
    as the mentee may see it (decisions only from the cycle's announcement), its
    prerequisites done and due, and the next thing to do. A fixed number of queries."""
    now = now or timezone.now()
    with scopes_disabled():
        applications = list(
            Application.objects.filter(applicant=user)
            .select_related("term__program__organization", "cycle", "organization")
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
    with my_application_get, so it is theirs)."""

    now = now or timezone.now()
    with scope(organization=application.organization):
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


def ranked_applications(*, user: User, cycle: Cycle) -> QuerySet[Application]:
    """CROSS-TENANT: the person's ranked applications of the cycle in their order (1 = most
    wanted), across organizations. Evaluate it inside `scopes_disabled()` or call list()
    on the result of this function (it is already evaluated-safe: built unscoped)."""
    return (
        Application.objects.with_scopes_disabled()
        .filter(applicant=user, cycle=cycle, state__in=RANKED_STATES)
        .order_by("mentee_rank", "submitted_at", "id")
    )


__all__ = [
    "LIVE_STATES",
    "RANKED_STATES",
    "Refusal",
    "active_application_count",
    "answer_open",
    "application_prerequisite_rows",
    "apply_refusals",
    "decision_visible",
    "describe",
    "mentee_has_graduated",
    "my_application_get",
    "my_applications",
    "my_applications_by_cycle",
    "person_refusals",
    "ranked_applications",
    "term_prerequisites",
]
