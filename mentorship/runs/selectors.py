"""Reads of matching runs: the staff's lists and whole-result preview, the audit export,
and an organization's preview of its own terms (scoped to it)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, QuerySet
from django.http import Http404

from accounts.organizations.models import Organization
from applications.apply.models import Application
from core.tenancy import cross_tenant
from mentorship.matching._common import ordinal
from mentorship.runs.models import MatchRun, ProposedPlacement, RunStatus
from programs.cycles.models import Cycle, SelectionMode
from programs.terms.models import Term

PREVIEW_ROWS = 500


def matched_cycles() -> QuerySet[Cycle]:
    return Cycle.objects.filter(selection_mode=SelectionMode.MATCHED)


def cycle_get(*, pk) -> Cycle:
    cycle = Cycle.objects.filter(pk=pk).first()
    if cycle is None:
        raise Http404("No such cycle.")
    return cycle


def runs() -> QuerySet[MatchRun]:
    return MatchRun.objects.select_related("cycle", "created_by", "published_by").defer(
        "inputs", "match"
    )


def run_get(*, pk) -> MatchRun:
    run = MatchRun.objects.select_related("cycle", "created_by", "published_by").filter(pk=pk)
    run = run.first()
    if run is None:
        raise Http404("No such run.")
    return run


def run_progress_get(*, pk) -> MatchRun:
    run = runs().filter(pk=pk).first()
    if run is None:
        raise Http404("No such run.")
    return run


def run_export(*, run: MatchRun) -> dict:
    """The audit export: everything an independent solver needs to re-verify the run, ids
    as strings (a mentee is the applicant's public id, a term its id)."""
    inputs = run.inputs or {}
    return {
        "cycle": str(run.cycle_id),
        "seed": run.seed,
        "mentee_prefs": inputs.get("mentee_prefs", {}),
        "term_prefs": inputs.get("term_prefs", {}),
        "capacities": inputs.get("capacities", {}),
        "match": run.match or {},
    }


@cross_tenant
def run_staff_preview(*, run: MatchRun) -> dict:
    """The whole result for staff: counts, fill rate per term, share placed at each choice,
    the first placements. Cross-tenant because staff see every organization's terms;
    filtered by the run. Four queries whatever the size."""
    inputs = run.inputs or {}
    capacities: dict[str, int] = inputs.get("capacities", {})
    placed = Counter((run.match or {}).values())
    terms = {
        str(row["pk"]): row
        for row in Term.objects.filter(cycle_id=run.cycle_id).values(
            "pk", "program__name", "organization__name", "organization__slug"
        )
    }
    fill = [
        {
            "term": int(term),
            "program": terms.get(term, {}).get("program__name", "?"),
            "organization": terms.get(term, {}).get("organization__name", "?"),
            "capacity": capacity,
            "placed": placed.get(term, 0),
            "rate": round(100 * placed.get(term, 0) / capacity) if capacity else None,
        }
        for term, capacity in sorted(capacities.items(), key=lambda item: int(item[0]))
    ]
    choices = dict(
        ProposedPlacement.objects.filter(run=run)
        .order_by()
        .values_list("choice")
        .annotate(n=Count("id"))
        .values_list("choice", "n")
    )
    matched = sum(choices.values())
    shares = [
        {
            "choice": ordinal(k),
            "placed": choices.get(k, 0),
            "share": round(100 * choices.get(k, 0) / matched) if matched else 0,
        }
        for k in (1, 2, 3)
    ]
    sample = list(
        ProposedPlacement.objects.filter(run=run)
        .select_related("application__applicant", "term__program", "organization")
        .order_by("term_id", "id")[:PREVIEW_ROWS]
    )
    return {"fill": fill, "shares": shares, "sample": sample, "counts": run.counts or {}}


def organization_runs(*, organization: Organization) -> QuerySet[MatchRun]:
    """Succeeded runs of the cycles the organization has terms in (in its scope)."""
    cycles = Term.objects.filter(organization=organization).values("cycle_id")
    return runs().filter(status=RunStatus.SUCCEEDED, cycle_id__in=cycles)


def organization_run_get(*, organization: Organization, pk) -> MatchRun:
    if not organization_runs(organization=organization).filter(pk=pk).exists():
        raise Http404("No such run.")
    return run_get(pk=pk)


def organization_preview(*, run: MatchRun, organization: Organization) -> list[dict]:
    """The organization's terms in the run: their proposed placements and, for each
    applicant ranked above the last one placed in the term who went elsewhere, why, in
    words. Read in the organization's scope, so only its own rows; the words never name
    another organization's applicants or terms. A fixed number of queries."""
    inputs = run.inputs or {}
    term_prefs: dict[str, list[str]] = inputs.get("term_prefs", {})
    mentee_prefs: dict[str, list[str]] = inputs.get("mentee_prefs", {})
    capacities: dict[str, int] = inputs.get("capacities", {})
    match: dict[str, str] = run.match or {}
    terms = list(
        Term.objects.filter(organization=organization, cycle_id=run.cycle_id)
        .select_related("program")
        .order_by("program__name", "pk")
    )
    own = {str(t.pk) for t in terms}
    placements: dict[int, list[ProposedPlacement]] = {}
    for placement in (
        ProposedPlacement.objects.filter(run=run, organization=organization)
        .select_related("application__applicant")
        .order_by("term_id", "choice", "id")
    ):
        placements.setdefault(placement.term_id, []).append(placement)
    passed: dict[str, list[str]] = {}
    for term in own:
        prefs = term_prefs.get(term, [])
        placed_here = [i for i, m in enumerate(prefs) if match.get(m) == term]
        if placed_here:
            passed[term] = [m for m in prefs[: max(placed_here)] if match.get(m) != term]
    wanted = {m for ms in passed.values() for m in ms}
    names = {
        str(public_id): display_name or email.split("@")[0]
        for public_id, display_name, email in Application.objects.filter(
            organization=organization, term_id__in=[t.pk for t in terms]
        )
        .filter(applicant__public_id__in=list(wanted))
        .values_list("applicant__public_id", "applicant__display_name", "applicant__email")
    }
    result = []
    for term in terms:
        key = str(term.pk)
        explanations = []
        for mentee in passed.get(key, []):
            choices = mentee_prefs.get(mentee, [])
            mine = ordinal(choices.index(key) + 1) if key in choices else "?"
            went = match.get(mentee)
            if went is None:
                text = "was not placed anywhere: this run should be reviewed."
            else:
                where = "another of your terms" if went in own else "another organization's term"
                text = (
                    f"ranked this term as their {mine} choice and was placed in their "
                    f"{ordinal(choices.index(went) + 1)} choice ({where}), which they preferred."
                )
            explanations.append({"name": names.get(mentee, "An applicant"), "text": text})
        result.append(
            {
                "term": term,
                "capacity": capacities.get(key, 0),
                "listed": len(term_prefs.get(key, [])),
                "placements": placements.get(term.pk, []),
                "explanations": explanations,
            }
        )
    return result
