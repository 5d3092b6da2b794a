"""The application state machine: the one place that changes `Application.state`.

Every move is a compare-and-set (UPDATE ... WHERE state = <expected>), so a double click,
two reviewers or a retried job cannot apply the same move twice, and each move is recorded
(who, when, from, to, why) in the audit log inside the same transaction."""

from django.db import transaction

from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.review.selectors.kept import term_figures_forget
from core.transitions import state_transition

S = ApplicationState

# (from, to): the timestamp field the move sets.
TRANSITIONS: dict[tuple[str, str], str | None] = {
    (S.DRAFT, S.SUBMITTED): "submitted_at",
    (S.DRAFT, S.WITHDRAWN): "withdrawn_at",  # a mentee discards a draft
    (S.SUBMITTED, S.WITHDRAWN): "withdrawn_at",  # the mentee withdraws before a decision
    (S.SUBMITTED, S.ACCEPTED): "decided_at",
    (S.SUBMITTED, S.DECLINED): "decided_at",
    (S.ACCEPTED, S.WITHDRAWN): "withdrawn_at",  # the offer is declined or lapses
}

REFUSALS = {
    S.DRAFT: "This application is still a draft.",
    S.SUBMITTED: "This application was already submitted.",
    S.ACCEPTED: "This application was already accepted.",
    S.DECLINED: "This application was already declined; decisions are final.",
    S.WITHDRAWN: "This application was withdrawn.",
}


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to_state: str,
    actor: User | None,
    reason: str = "",
    updates: dict | None = None,
) -> Application:
    """Moves `application` from its current state to `to_state`, if that move exists and
    nobody moved it first; raises ValidationError with a sentence a person understands
    otherwise. `updates` are further fields written in the same UPDATE."""
    moved = state_transition(
        obj=application,
        to_state=to_state,
        actor=actor,
        transitions=TRANSITIONS,
        refusals=REFUSALS,
        reason=reason,
        updates=updates,
    )
    # The term's kept figures count its applicants by state (review.selectors.kept).
    term_figures_forget(term_id=application.term_id)
    return moved
