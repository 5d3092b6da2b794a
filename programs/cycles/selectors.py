from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from programs.cycles.models import Cycle


def cycles_for_new_terms(now: datetime | None = None) -> QuerySet[Cycle]:
    """Cycles whose application window has not closed yet (where a new term can go)."""
    now = now or timezone.now()
    return Cycle.objects.filter(applications_close_at__gt=now).order_by("applications_open_at")


def cycles() -> QuerySet[Cycle]:
    return Cycle.objects.order_by("-applications_open_at")
