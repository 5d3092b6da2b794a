from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.organizations.models import TenantOwned


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class MatchRun(models.Model):
    """One matching run of a cycle, across all organizations: the job's record (status,
    attempts, timings, progress, counts), its frozen input (`inputs`, hashed in
    `input_hash`, with the cycle's tie-breaking `seed`) and result (`match`: {mentee public
    id: term id}). Platform-wide, like the cycle: not tenant-owned; what an organization
    sees of it is its own ProposedPlacement rows. Written only by mentorship.runs.services."""

    cycle = models.ForeignKey("programs.Cycle", on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    seed = models.PositiveIntegerField(null=True, blank=True)
    input_hash = models.CharField(max_length=64, blank=True)
    inputs = models.JSONField(null=True, blank=True)
    match = models.JSONField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="match_run_progress_pct"),
        ]

    def __str__(self) -> str:
        return f"matching run {self.pk} of cycle {self.cycle_id} ({self.status})"


class ProposedPlacement(TenantOwned):
    """A placement a run proposes: the application (so the term and the mentee) the run
    would accept, and which of the mentee's choices it is. Tenant-owned, so an
    organization's admins preview only their own terms' placements."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="placements")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    term = models.ForeignKey("programs.Term", on_delete=models.CASCADE, related_name="+")
    choice = models.PositiveSmallIntegerField(help_text="1 = the mentee's first choice.")

    class Meta:
        ordering = ["run", "term", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "application"], name="one_proposal_per_run"),
        ]
        indexes = [models.Index(fields=["run", "organization"])]

    def __str__(self) -> str:
        return f"run {self.run_id} proposes {self.application_id}"
