"""Each term's rank list, and the whole cycle's matching input built from them.

A term's list is built from the reviews: applicants still `submitted`, best average score
first (reviews marked "not acceptable" and recused reviews are not averaged; applicants
nobody scored come last), then the order the term's admins and coordinators set by hand
(applications.ranking.models.TermRankList). Removed: any applicant a (not recused) reviewer
marked "not acceptable", any applicant a mentor declared a conflict with, and declined or
withdrawn applicants (they are no longer submitted). Equal scores are ordered by a hash of
the cycle's stored random seed and the application's public id, so the order is random but
can be rebuilt for an audit. Below the cut line applicants are not acceptable to the term."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.visibility import decision_visible
from applications.decisions.models import Placement, TermSlot
from applications.ranking.models import PlacementExplanation, TermRankList
from applications.review.models import ConflictOfInterest, Review
from core.tenancy import cross_tenant
from programs.cycles.models import Cycle
from programs.terms.models import Term


@dataclass
class RankEntry:
    application_id: int
    public_id: Any
    term_id: int
    applicant_id: int
    applicant_public_id: Any
    name: str
    average: Decimal | None
    reviews: int
    position: int = 0
    acceptable: bool = True


def tie_key(seed: int, public_id) -> str:
    return hashlib.sha256(f"{seed}:{public_id}".encode()).hexdigest()


def order_entries(
    entries: list[RankEntry], *, seed: int, order: list[int], cut: int | None
) -> list[RankEntry]:
    """The rank list: the hand-set `order` first (ids no longer eligible are skipped), then
    the rest by average score, best first, ties by the seeded hash. Numbers the positions
    and marks those below the cut line as not acceptable."""
    auto = sorted(
        entries,
        key=lambda e: (e.average is None, -(e.average or 0), tie_key(seed, e.public_id)),
    )
    remaining = {e.application_id: e for e in auto}
    ranked = []
    for application_id in order:
        entry = remaining.pop(application_id, None)
        if entry is not None:
            ranked.append(entry)
    ranked += [e for e in auto if e.application_id in remaining]
    for position, entry in enumerate(ranked, start=1):
        entry.position = position
        entry.acceptable = cut is None or position <= cut
    return ranked


def _eligible(applications: QuerySet[Application]) -> list[RankEntry]:
    """One query for any number of applications and terms."""
    not_acceptable = Review.objects.filter(
        application=OuterRef("pk"), not_acceptable=True, recused=False
    )
    conflict = ConflictOfInterest.objects.filter(application=OuterRef("pk"))
    counted = Q(reviews__recused=False, reviews__not_acceptable=False)
    rows = (
        applications.filter(state=ApplicationState.SUBMITTED)
        .exclude(Exists(not_acceptable))
        .exclude(Exists(conflict))
        .annotate(
            average=Avg("reviews__score", filter=counted),
            reviewed=Count("reviews", filter=counted),
        )
        .order_by()
        .values_list(
            "pk",
            "public_id",
            "term_id",
            "applicant_id",
            "applicant__public_id",
            "applicant__display_name",
            "applicant__email",
            "average",
            "reviewed",
        )
    )
    return [
        RankEntry(
            application_id=pk,
            public_id=public_id,
            term_id=term_id,
            applicant_id=applicant_id,
            applicant_public_id=applicant_public_id,
            name=display_name or email.split("@")[0],
            average=None if average is None else Decimal(average).quantize(Decimal("0.01")),
            reviews=reviewed,
        )
        for (
            pk,
            public_id,
            term_id,
            applicant_id,
            applicant_public_id,
            display_name,
            email,
            average,
            reviewed,
        ) in rows
    ]


def term_rank_settings(*, term: Term) -> TermRankList | None:
    return TermRankList.objects.filter(term=term).first()


def term_rank_list(*, term: Term) -> list[RankEntry]:
    """The term's rank list, in the caller's (the term's organization's) scope. Three
    queries whatever the number of applicants."""
    settings = term_rank_settings(term=term)
    entries = _eligible(Application.objects.filter(term=term))
    return order_entries(
        entries,
        seed=term.cycle.match_seed,
        order=list(settings.order) if settings else [],
        cut=settings.cut if settings else None,
    )


def term_capacity_left(*, term: Term) -> int:
    """The term's capacity minus the acceptances it already holds."""
    return max(0, term.capacity - TermSlot.objects.filter(term=term).count())


def term_rank_summary(*, term: Term, entries: list[RankEntry]) -> dict:
    removed = Application.objects.filter(term=term, state=ApplicationState.SUBMITTED).count() - len(
        entries
    )
    return {
        "ranked": len(entries),
        "acceptable": sum(1 for e in entries if e.acceptable),
        "removed": removed,
        "capacity_left": term_capacity_left(term=term),
    }


@dataclass
class MatchingInput:
    """A cycle's frozen matching input, ids as strings: mentees are the applicants'
    public ids, terms their ids. `applications` maps "mentee term" to [application id,
    organization id] (not part of the hash: it only says which row a pair is)."""

    cycle_id: int
    seed: int
    mentee_prefs: dict[str, list[str]]
    term_prefs: dict[str, list[str]]
    capacities: dict[str, int]
    applications: dict[str, list[int]] = field(default_factory=dict)

    def hashed_part(self) -> dict:
        return {
            "cycle": str(self.cycle_id),
            "seed": self.seed,
            "mentee_prefs": self.mentee_prefs,
            "term_prefs": self.term_prefs,
            "capacities": self.capacities,
        }

    @property
    def input_hash(self) -> str:
        data = json.dumps(self.hashed_part(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(data.encode()).hexdigest()

    def as_json(self) -> dict:
        return self.hashed_part() | {"applications": self.applications}

    @classmethod
    def from_json(cls, data: dict) -> MatchingInput:
        return cls(
            cycle_id=int(data["cycle"]),
            seed=data["seed"],
            mentee_prefs=data["mentee_prefs"],
            term_prefs=data["term_prefs"],
            capacities=data["capacities"],
            applications=data.get("applications", {}),
        )


@cross_tenant
def cycle_matching_input(*, cycle: Cycle) -> MatchingInput:
    """Cross-tenant because matching places mentees across every organization of the
    cycle; filtered by the cycle. Mentees who already hold an acceptance in the cycle are
    left out, and each term's capacity is what it has left, so a further round runs over
    the remaining capacity and the unplaced applicants. A fixed number of queries (terms,
    rank lists, eligible applications, mentee preferences) whatever the size."""
    terms = list(
        Term.objects.filter(cycle=cycle)
        .annotate(taken=Count("slots"))
        .order_by("pk")
        .values_list("pk", "capacity", "taken")
    )
    settings = {
        row.term_id: row for row in TermRankList.objects.filter(term__cycle=cycle).order_by()
    }
    placed = Placement.objects.filter(cycle=cycle).values("applicant_id")
    open_applications = Application.objects.filter(cycle=cycle).exclude(applicant_id__in=placed)
    by_term: dict[int, list[RankEntry]] = {}
    for entry in _eligible(open_applications):
        by_term.setdefault(entry.term_id, []).append(entry)
    term_prefs: dict[str, list[str]] = {}
    capacities: dict[str, int] = {}
    for term_id, capacity, taken in terms:
        capacities[str(term_id)] = max(0, capacity - taken)
        own = settings.get(term_id)
        ranked = order_entries(
            by_term.get(term_id, []),
            seed=cycle.match_seed,
            order=list(own.order) if own else [],
            cut=own.cut if own else None,
        )
        term_prefs[str(term_id)] = [str(e.applicant_public_id) for e in ranked if e.acceptable]
    mentee_prefs: dict[str, list[str]] = {}
    applications: dict[str, list[int]] = {}
    rows = (
        open_applications.filter(state=ApplicationState.SUBMITTED)
        .order_by("applicant_id", "mentee_rank", "pk")
        .values_list("applicant__public_id", "term_id", "pk", "organization_id")
    )
    for applicant_public_id, term_id, pk, organization_id in rows:
        mentee, term = str(applicant_public_id), str(term_id)
        mentee_prefs.setdefault(mentee, []).append(term)
        applications[f"{mentee} {term}"] = [pk, organization_id]
    return MatchingInput(
        cycle_id=cycle.pk,
        seed=cycle.match_seed,
        mentee_prefs=mentee_prefs,
        term_prefs=term_prefs,
        capacities=capacities,
        applications=applications,
    )


def mentee_placement_explanation(*, application: Application) -> str | None:
    """Why a published matching run did not place this application, in the mentee's words;
    nothing before the cycle's results announcement. Called in the application's scope."""
    if not decision_visible(application=application):
        return None
    row = PlacementExplanation.objects.filter(application=application).first()
    return row.text if row else None
