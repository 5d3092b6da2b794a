import uuid

from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class TaskState(models.TextChoices):
    TODO = "todo", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    COMPLETED = "completed", "Completed"


class Task(TenantOwned):
    """Work a mentor or admin assigned to one mentee (a task for all mentees of a term is
    one row per mentorship, so each mentee moves their own). `state` moves only through
    mentorship.assignments.services (compare-and-set, audited)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    due_at = models.DateTimeField()
    link = models.URLField(max_length=500, blank=True)
    state = models.CharField(max_length=20, choices=TaskState.choices, default=TaskState.TODO)
    submission_link = models.URLField(max_length=500, blank=True)
    submission_text = models.TextField(max_length=5000, blank=True)
    submission_file = models.ForeignKey(
        "core.StoredFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["mentorship", "state"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.state})"
