"""One implementation of an explicit state machine move, shared by every model whose
state field follows a transition table (applications, mentorships, offers, invitations,
join requests, organization requests, programs; payouts next).

A move is a compare-and-set (UPDATE ... WHERE <field> = <the state we read>), so a double
click, two people or a retried job cannot apply it twice, and it is recorded in the audit
log in the same transaction."""

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.audit.services import audit_record

# (from state, to state) -> the timestamp field the move sets, or None.
Transitions = dict[tuple[str, str], str | None]
# The sentence a refused move shows, by the state the object is in; or a function of the
# object (as re-read) and the state asked for, when the sentence needs more than the state.
Refusals = dict[str, str] | Callable[[models.Model, str], str]


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _refusal(refusals: Refusals, obj: models.Model, field: str, to_state: str, default: str):
    if callable(refusals):
        return refusals(obj, to_state)
    return refusals.get(getattr(obj, field), default)


@transaction.atomic
def state_transition(
    *,
    obj: models.Model,
    to_state: str,
    actor,
    transitions: Transitions,
    refusals: Refusals,
    reason: str = "",
    updates: dict | None = None,
    field: str = "state",
    where: dict | None = None,
    action: str = "",
    then: Callable[[models.Model], dict | None] | None = None,
    audited: bool = True,
) -> models.Model:
    """Moves `obj` from its current `field` value to `to_state` if the table allows it and
    nobody moved it first; otherwise raises ValidationError with the sentence `refusals`
    gives.

    `updates` are further fields written in the same UPDATE (they win over the move's
    timestamp). `where` are further conditions the row must meet for the move to happen
    (e.g. not expired). `action` names the audit record (default `<model>.<to_state>`).
    `then` is work that belongs to the move, run after the update and before the move is
    recorded; it may return data for the audit record. `audited=False` is for plumbing
    rows that are their own record (an outbox email keeps its attempts and last error)."""
    model = type(obj)
    from_state = getattr(obj, field)
    if (from_state, to_state) not in transitions:
        raise ValidationError(
            _refusal(refusals, obj, field, to_state, "This change is not possible.")
        )
    now = timezone.now()
    fields = {field: to_state}
    if _has_field(model, "updated_at"):
        fields["updated_at"] = now
    stamp = transitions[(from_state, to_state)]
    if stamp:
        fields[stamp] = now
    fields.update(updates or {})
    moved = model.objects.filter(pk=obj.pk, **{field: from_state}, **(where or {})).update(**fields)
    if not moved:
        obj.refresh_from_db()
        raise ValidationError(
            _refusal(refusals, obj, field, to_state, "This was changed meanwhile.")
        )
    before = {name: getattr(obj, name) for name in fields}
    computed = [name for name, value in fields.items() if hasattr(value, "resolve_expression")]
    for name, value in fields.items():
        if name not in computed:
            setattr(obj, name, value)
    if computed:  # e.g. a counter incremented in the database
        obj.refresh_from_db(fields=computed)
    organization = getattr(obj, "organization", None)  # the one it belonged to when it moved
    try:
        data = then(obj) if then is not None else None
    except Exception:
        # The move rolls back with the work that failed; so does the caller's copy.
        for name, value in before.items():
            setattr(obj, name, value)
        raise
    if not audited:
        return obj
    audit_record(
        action=action or f"{obj._meta.model_name}.{to_state}",
        obj=obj,
        actor=actor,
        organization=organization,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data,
    )
    return obj


def reason_required(reason: str | None, *, missing: str, limit: int = 2000) -> str:
    """The reason a move needs (a decline, a revocation, a correction...), stripped: a
    ValidationError on the field `reason` saying `missing` when there is none, or the limit
    when it is longer. People read it, so it is never optional where this is called."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": missing})
    if len(reason) > limit:
        raise ValidationError({"reason": f"Use at most {limit:,} characters."})
    return reason
