"""Helpers for matching tests: a matched cycle whose applications have closed and whose
results are announced in a few days, reviews written through the review service, and a
run executed in-process."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from applications.review.services import conflict_declare, review_save
from mentorship.runs.services.execute import match_run_execute
from mentorship.runs.services.runs import match_run_start
from tests.factories.programs import CycleFactory, days_from_today


def matched_cycle(name: str = "Matched", announce_in_days: int = 3, **extra):
    return CycleFactory(
        name=name,
        applications_open_at=days_from_today(-60),
        applications_close_at=days_from_today(-5),
        results_announced_at=timezone.now() + timedelta(days=announce_in_days),
        confirmation_deadline=timezone.now() + timedelta(days=announce_in_days + 5),
        selection_mode="matched",
        **extra,
    )


def score(application, reviewer, value: int = 3, *, not_acceptable: bool = False, notes=""):
    with scope(organization=application.organization):
        if not_acceptable:
            return review_save(
                application=application, reviewer=reviewer, not_acceptable=True, notes=notes
            )
        return review_save(
            application=application,
            reviewer=reviewer,
            notes=notes,
            skills=value,
            motivation=value,
            communication=value,
            availability=value,
        )


def conflict(application, reviewer):
    with scope(organization=application.organization):
        return conflict_declare(application=application, reviewer=reviewer, kind="family")


def run_now(cycle, actor=None):
    """Starts a run and executes it in this process; returns the run, refreshed."""
    run = match_run_start(cycle=cycle, actor=actor, enqueue=False)
    match_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run
