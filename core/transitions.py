"""One implementation of an explicit state machine move, shared by every model whose
`state` follows a transition table (applications, mentorships; payouts next).

A move is a compare-and-set (UPDATE ... WHERE state = <the state we read>), so a double
click, two people or a retried job cannot apply it twice, and it is recorded in the audit
log in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.audit.services import audit_record

# (from state, to state) -> the timestamp field the move sets, or None.
Transitions = dict[tuple[str, str], str | None]


@transaction.atomic
def state_transition(
    *,
    obj: models.Model,
    to_state: str,
    actor,
    transitions: Transitions,
    refusals: dict[str, str],
    reason: str = "",
    updates: dict | None = None,
) -> models.Model:
    """Moves `obj` from its current state to `to_state` if the table allows it and nobody
    moved it first; otherwise raises ValidationError with the sentence `refusals` gives for
    the state it is in. `updates` are further fields written in the same UPDATE."""
    from_state = obj.state
    if (from_state, to_state) not in transitions:
        raise ValidationError(refusals.get(from_state, "This change is not possible."))
    now = timezone.now()
    fields = {"state": to_state, "updated_at": now, **(updates or {})}
    stamp = transitions[(from_state, to_state)]
    if stamp:
        fields[stamp] = now
    moved = type(obj).objects.filter(pk=obj.pk, state=from_state).update(**fields)
    if not moved:
        obj.refresh_from_db()
        raise ValidationError(refusals.get(obj.state, "This was changed meanwhile."))
    for name, value in fields.items():
        setattr(obj, name, value)
    audit_record(
        action=f"{obj._meta.model_name}.{to_state}",
        obj=obj,
        actor=actor,
        organization=obj.organization,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )
    return obj
