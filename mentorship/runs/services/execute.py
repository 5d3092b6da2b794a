"""The matching job's work (called by mentorship.runs.tasks.execute_match_run): freeze the
inputs, match, verify, store the proposed placements.

Cross-tenant by nature: a run places mentees across every organization of its cycle; every
query is filtered by the run's cycle.

Safe to execute twice (Celery redelivers the task of a killed worker): the claim counts
attempts under the run's row lock, a retry reuses the frozen inputs, and the final write is
a compare-and-set on (status, attempts), so exactly one attempt stores its result. After
MAX_ATTEMPTS starts the run fails visibly instead of looping."""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils import timezone

from applications.ranking.selectors import MatchingInput, cycle_matching_input
from core.audit.services import audit_record
from core.tenancy import cross_tenant
from mentorship.matching.algorithm import blocking_pairs, stable_match
from mentorship.runs.models import MatchRun, ProposedPlacement, RunStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
LIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def _progress(run: MatchRun, percent: int, note: str) -> None:
    # Outside any transaction: the page sees each step as it happens.
    MatchRun.objects.filter(pk=run.pk).update(progress=percent, progress_note=note)


def _claim(run_id: int) -> tuple[MatchRun | None, str]:
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            return None, "missing"
        if run.status not in LIVE:
            return None, run.status  # already finished: a redelivered task does nothing
        if run.attempts >= MAX_ATTEMPTS:
            run.status = RunStatus.FAILED
            run.error = f"Gave up after {run.attempts} attempts (a worker stopped each time)."
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            audit_record(action="match_run.failed", obj=run, actor=None, to_state=run.status)
            return None, run.status
        run.attempts += 1
        run.status = RunStatus.RUNNING
        run.started_at = run.started_at or timezone.now()
        run.progress_note = f"Attempt {run.attempts}: started."
        run.save(update_fields=["attempts", "status", "started_at", "progress_note"])
        return run, run.status


def _fail(run: MatchRun, message: str) -> str:
    MatchRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING, attempts=run.attempts).update(
        status=RunStatus.FAILED, error=message, finished_at=timezone.now()
    )
    logger.error("Matching run %s failed: %s", run.pk, message)
    return RunStatus.FAILED


@cross_tenant
def match_run_execute(*, run_id: int) -> str:
    """The job: freeze the inputs (or reuse those frozen by an earlier attempt), run
    `stable_match`, check the result with `blocking_pairs` (any violation fails the run,
    loudly, with the violations in its error), store the proposed placements in bulk.
    Cross-tenant because the run spans every organization of its cycle; every query is
    filtered by the run's cycle. Returns the run's final status."""
    run, status = _claim(run_id)
    if run is None:
        return status
    timings = dict(run.timings or {})
    try:
        if run.inputs is None:
            _progress(run, 5, "Reading the rank lists and the mentees' preferences.")
            started = time.perf_counter()
            frozen = cycle_matching_input(cycle=run.cycle)
            timings["freeze"] = round(time.perf_counter() - started, 3)
            MatchRun.objects.filter(pk=run.pk).update(
                inputs=frozen.as_json(), input_hash=frozen.input_hash, timings=timings
            )
            run.input_hash = frozen.input_hash
        else:
            frozen = MatchingInput.from_json(run.inputs)
        _progress(run, 40, "Matching.")
        started = time.perf_counter()
        match = stable_match(frozen.mentee_prefs, frozen.term_prefs, frozen.capacities)
        timings["match"] = round(time.perf_counter() - started, 3)
        _progress(run, 60, "Verifying: capacities, acceptability, blocking pairs.")
        started = time.perf_counter()
        violations = blocking_pairs(
            frozen.mentee_prefs, frozen.term_prefs, frozen.capacities, match
        )
        timings["verify"] = round(time.perf_counter() - started, 3)
        if violations:
            listed = "\n".join(str(v) for v in violations[:20])
            return _fail(
                run, f"The verifier found {len(violations)} violation(s); nothing stored:\n{listed}"
            )
        _progress(run, 75, f"Storing {len(match)} proposed placements.")
        started = time.perf_counter()
        with transaction.atomic():
            ProposedPlacement.objects.filter(run_id=run.pk).delete()
            ProposedPlacement.objects.bulk_create(
                [
                    ProposedPlacement(
                        run_id=run.pk,
                        organization_id=frozen.applications[f"{mentee} {term}"][1],
                        application_id=frozen.applications[f"{mentee} {term}"][0],
                        term_id=int(term),
                        choice=frozen.mentee_prefs[mentee].index(term) + 1,
                    )
                    for mentee, term in match.items()
                ],
                batch_size=None,
            )
            timings["store"] = round(time.perf_counter() - started, 3)
            counts = {
                "mentees": len(frozen.mentee_prefs),
                "terms": len(frozen.term_prefs),
                "applications": len(frozen.applications),
                "slots": sum(frozen.capacities.values()),
                "matched": len(match),
                "unmatched": len(frozen.mentee_prefs) - len(match),
            }
            finished = MatchRun.objects.filter(
                pk=run.pk, status=RunStatus.RUNNING, attempts=run.attempts
            ).update(
                status=RunStatus.SUCCEEDED,
                match=match,
                counts=counts,
                timings=timings,
                progress=100,
                progress_note="Done.",
                finished_at=timezone.now(),
            )
            if not finished:
                # Another attempt finished first (or gave up): keep its result, not ours.
                transaction.set_rollback(True)
                return MatchRun.objects.get(pk=run.pk).status
            audit_record(
                action="match_run.succeeded",
                obj=run,
                actor=None,
                from_state=RunStatus.RUNNING,
                to_state=RunStatus.SUCCEEDED,
                data=counts,
            )
        return RunStatus.SUCCEEDED
    except Exception as error:  # noqa: BLE001 - recorded on the run, then raised again
        _fail(run, f"{type(error).__name__}: {error}")
        raise
