from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from applications.apply.models import Application
from applications.apply.selectors import eligibility as selectors_eligibility
from applications.apply.selectors import mine as selectors
from applications.apply.selectors.visibility import decision_visible
from applications.apply.services.common import S, applicant_lock, application_locked, require_owner
from applications.apply.services.transitions import REFUSALS, application_transition
from core.tenancy import cross_tenant
from programs.timezones import format_instant

# --- withdraw --------------------------------------------------------------------------------


@transaction.atomic
def application_withdraw(*, application: Application, actor: User, reason: str = "") -> Application:
    """The applicant withdraws before a decision (a draft is discarded the same way). The
    place in the cycle's limit is freed and the remaining applications move up in the
    ranking; re-applying to the term afterwards creates a new application. An accepted
    application cannot be withdrawn here (decline the offer instead), and a decision taken
    but not yet announced is not revealed by the refusal."""
    require_owner(application, actor)
    user = applicant_lock(application.applicant_id)
    locked = application_locked(application)
    if locked.state in (S.ACCEPTED, S.DECLINED):
        if not decision_visible(application=locked):
            raise ValidationError(
                "Mentors have completed their review of this application, so it can no longer "
                "be withdrawn. Results are announced "
                f"{format_instant(locked.cycle.results_announced_at)}."
            )
        if locked.state == S.ACCEPTED:
            raise ValidationError(
                "An accepted application cannot be withdrawn; decline the offer instead."
            )
        raise ValidationError(REFUSALS[S.DECLINED])
    was_ranked = locked.state in selectors_eligibility.RANKED_STATES
    application_transition(
        application=locked,
        to_state=S.WITHDRAWN,
        actor=actor,
        reason=(reason or "").strip()[:500],
        updates={"mentee_rank": None},
    )
    if was_ranked:
        ranking_renumber(list(selectors.ranked_applications(user=user, cycle=locked.cycle)))
    return locked


# --- ranking ---------------------------------------------------------------------------------


@cross_tenant
def ranking_renumber(ordered: Iterable[Application]) -> None:
    """Cross-tenant because one person's ranking of a cycle spans organizations; it writes
    only the rows it is given, by primary key (the person's own, read by ranked_applications).
    Writes ranks 1..n in the given order to the person's applications of a
    cycle (which span organizations); only rows whose rank changes are written. Called with
    the applicant's row locked."""
    for position, application in enumerate(ordered, start=1):
        if application.mentee_rank != position:
            Application.objects.filter(pk=application.pk).update(mentee_rank=position)
            application.mentee_rank = position


def _check_ranking_open(cycle) -> None:
    if timezone.now() >= cycle.results_announced_at:
        raise ValidationError(
            f"The results of the cycle “{cycle.name}” were announced "
            f"{format_instant(cycle.results_announced_at)}; the ranking is final."
        )


@transaction.atomic
def application_rank_move(*, application: Application, actor: User, direction: str) -> list:
    """Moves one of the person's submitted applications one place up (towards 1, most
    wanted) or down in their ranking of the cycle, until the cycle's results are announced.
    Returns the new order."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Choose up or down."})
    require_owner(application, actor)
    user = applicant_lock(application.applicant_id)
    locked = application_locked(application)
    _check_ranking_open(locked.cycle)
    ranked = list(selectors.ranked_applications(user=user, cycle=locked.cycle))
    index = next((i for i, a in enumerate(ranked) if a.pk == locked.pk), None)
    if index is None:
        raise ValidationError("Only submitted applications are ranked.")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ranked):
        ranked[index], ranked[other] = ranked[other], ranked[index]
    ranking_renumber(ranked)
    return ranked


@transaction.atomic
def application_ranking_set(*, user: User, cycle, order: list) -> list:
    """Sets the person's whole ranking of a cycle: `order` lists the public ids of all their
    submitted applications of the cycle, most wanted first, each exactly once."""
    user = applicant_lock(user.pk)
    _check_ranking_open(cycle)
    ranked = list(selectors.ranked_applications(user=user, cycle=cycle))
    by_id = {str(a.public_id): a for a in ranked}
    wanted = [str(item) for item in order]
    if len(wanted) != len(set(wanted)) or set(wanted) != set(by_id):
        raise ValidationError(
            {
                "order": "List each of your submitted applications of this cycle exactly once "
                f"({len(by_id)} application{'s' if len(by_id) != 1 else ''})."
            }
        )
    ordered = [by_id[item] for item in wanted]
    ranking_renumber(ordered)
    return ordered
