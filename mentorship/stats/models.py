from django.db import models


class StatsSnapshot(models.Model):
    """The public statistics, computed by a periodic job (`mentorship.stats_refresh`) so the
    page reads one row whatever the platform's size. Counts under 5 are already hidden
    (stored as None) when the row is written."""

    computed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    rows = models.JSONField(default=list)

    class Meta:
        ordering = ["-computed_at", "-id"]

    def __str__(self) -> str:
        return f"Statistics of {self.computed_at:%Y-%m-%d %H:%M}"
