from typing import Any

from accounts.models import AuditEvent, Organization, User


def audit_record(
    *,
    action: str,
    obj: Any,
    actor: User | None,
    organization: Organization | None = None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Records one state change. Call inside the service's transaction, so the record and
    the change commit together or not at all."""
    return AuditEvent.objects.with_scopes_disabled().create(
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
