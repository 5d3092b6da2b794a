from django.db.models import QuerySet

from accounts.models import AuditEvent
from applications.models import Application


def application_history(*, application: Application) -> QuerySet[AuditEvent]:
    """Every recorded state change of an application, oldest first, with who did it."""
    return (
        AuditEvent.objects.filter(
            organization=application.organization,
            object_type=Application._meta.label_lower,
            object_id=str(application.pk),
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
