from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model

from core.audit.models import AuditEvent


def audit_record(
    *,
    action: str,
    obj: Any,
    actor: AbstractBaseUser | None,
    organization: Model | None = None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Records one state change. Call inside the service's transaction, so the record and
    the change commit together or not at all."""
    # Saving a new row goes through the model's base manager, which django-scopes does not
    # guard: an event is recorded whichever organization's scope (if any) is active.
    event = AuditEvent(
        organization=organization,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )
    event.save(force_insert=True)
    return event
