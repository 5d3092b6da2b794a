"""Starting a matching run of a cycle (staff), and publishing one: the proposed placements
become acceptances through the decision service the direct path uses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from applications.decisions.services.matched import applications_accept_matched
from applications.ranking.selectors import MatchingInput, cycle_matching_input
from applications.ranking.services import explanations_store
from core.audit.services import audit_record
from core.tasks import enqueue_on_commit
from core.tenancy import cross_tenant
from mentorship.matching.explain import explain_all
from mentorship.runs.models import MatchRun, ProposedPlacement, RunStatus
from mentorship.runs.services.execute import LIVE
from mentorship.runs.tasks import execute_match_run
from programs.cycles.models import Cycle, SelectionMode
from programs.terms.models import Term
from programs.timezones import format_instant


def _check_staff(actor: User | None) -> None:
    if actor is not None and not actor.has_perm("mentorship.run_matching"):
        raise PermissionDenied("Only platform staff run and publish matching.")


@transaction.atomic
def match_run_start(*, cycle: Cycle, actor: User | None, enqueue: bool = True) -> MatchRun:
    """Queues a run of a matched cycle once its applications have closed. One live run per
    cycle at a time. After a publication, a new run is the next round: it places the
    applicants still unplaced in the capacity still free. `enqueue=False` leaves the run
    queued for the caller to execute in-process (the match_cycle command)."""
    _check_staff(actor)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.selection_mode != SelectionMode.MATCHED:
        raise ValidationError(
            f"The cycle “{cycle.name}” selects directly (admins accept). Set its selection "
            "mode to matched first."
        )
    if timezone.now() < cycle.applications_close_at:
        raise ValidationError(
            "Applications are still open until "
            f"{format_instant(cycle.applications_close_at)}; run the matching after they close."
        )
    live = MatchRun.objects.filter(cycle=cycle, status__in=LIVE).first()
    if live is not None:
        raise ValidationError(
            f"Run {live.pk} of this cycle is still {live.status}; wait for it to finish."
        )
    published = MatchRun.objects.filter(cycle=cycle, published_at__isnull=False).count()
    run = MatchRun.objects.create(
        cycle=cycle,
        round=published + 1,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        seed=cycle.match_seed,
        progress_note="Waiting for a worker.",
    )
    audit_record(action="match_run.queued", obj=run, actor=actor, to_state=RunStatus.QUEUED)
    if enqueue:
        enqueue_on_commit(execute_match_run, run.pk)
    return run


@cross_tenant
@transaction.atomic
def match_run_publish(*, run: MatchRun, actor: User | None) -> dict[str, int]:
    """Turns a succeeded run's proposed placements into acceptances through the decisions
    service (`applications_accept_matched`: the direct path's rules, term slots and the
    one-acceptance placement held by the database, checked in bulk), in one transaction:
    all or nothing. Publishing twice
    changes nothing the second time. Refused when the inputs changed since the run (a
    rank list, a review, an application, a capacity or an acceptance): rerun instead.
    Stores, for every application of the run's mentees that was not placed, why (in the
    mentee's words), shown from the cycle's announcement. Cross-tenant because a run
    spans the cycle's organizations; filtered by the run."""
    _check_staff(actor)
    run = MatchRun.objects.select_for_update().select_related("cycle").get(pk=run.pk)
    if run.published_at is not None:
        return {"accepted": 0, "already_published": 1}
    if run.status != RunStatus.SUCCEEDED:
        raise ValidationError(
            f"Only a succeeded run can be published; run {run.pk} is {run.get_status_display()}."
        )
    frozen = MatchingInput.from_json(run.inputs)
    current = cycle_matching_input(cycle=run.cycle)
    if current.input_hash != run.input_hash:
        raise ValidationError(
            "The inputs changed since this run (a rank list, a review, an application, a "
            "capacity or an acceptance): its result may no longer be stable. Start a new run "
            "and publish that one."
        )
    placements = list(
        ProposedPlacement.objects.filter(run=run).values_list("application_id", flat=True)
    )
    applications_accept_matched(
        application_ids=placements, actor=actor, reason=f"Placed by matching run {run.pk}."
    )
    match = run.match or {}
    labels = {
        str(pk): f"{program} at {organization}"
        for pk, program, organization in Term.objects.filter(cycle_id=run.cycle_id).values_list(
            "pk", "program__name", "organization__name"
        )
    }
    texts = explain_all(
        frozen.mentee_prefs,
        frozen.term_prefs,
        frozen.capacities,
        match,
        term_label=lambda term: labels.get(term, "a term"),
    )
    unplaced: dict[int, tuple[int, str]] = {}
    for key, (application_id, organization_id) in frozen.applications.items():
        mentee, term = key.split(" ")
        if match.get(mentee) != term:
            unplaced[application_id] = (organization_id, texts[mentee])
    explanations_store(texts=unplaced)
    now = timezone.now()
    run.published_at = now
    run.published_by = actor if actor is not None and actor.is_authenticated else None
    run.save(update_fields=["published_at", "published_by"])
    Cycle.objects.filter(pk=run.cycle_id).update(matching_published_at=now)
    audit_record(
        action="match_run.published",
        obj=run,
        actor=actor,
        data={"accepted": len(placements), "explained": len(unplaced)},
    )
    return {"accepted": len(placements), "already_published": 0}
