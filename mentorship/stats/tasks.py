from celery import shared_task

from mentorship.stats.services import stats_refresh


@shared_task(name="mentorship.stats_refresh")
def refresh_stats() -> int:
    """Hourly: the public statistics' snapshot (safe to run twice: a newer snapshot)."""
    return stats_refresh().pk
