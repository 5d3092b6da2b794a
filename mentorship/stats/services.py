from django.db import transaction

from mentorship.stats.models import StatsSnapshot
from mentorship.stats.selectors import stats_rows

KEEP = 48  # snapshots kept (two days of hourly runs)


@transaction.atomic
def stats_refresh() -> StatsSnapshot:
    """Computes the public statistics into a new snapshot and drops old ones."""
    snapshot = StatsSnapshot.objects.create(rows=stats_rows())
    old = StatsSnapshot.objects.values_list("pk", flat=True)[KEEP:]
    StatsSnapshot.objects.filter(pk__in=list(old)).delete()
    return snapshot
