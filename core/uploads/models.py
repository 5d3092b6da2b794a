import uuid

from django.conf import settings
from django.db import models


def _random_path(instance: "StoredFile", filename: str) -> str:
    # The stored name never derives from what the uploader called the file.
    return f"{instance.purpose}/{instance.id}.pdf"


class StoredFile(models.Model):
    """An uploaded file in private storage under a random name (see core.uploads.services).

    The row is the only way to reach the file: pages and the API serve it through views that
    check a permission first. `original_name` (already checked for unsafe characters) is
    used only as the download's suggested name."""

    class Purpose(models.TextChoices):
        RESUME = "resume", "Resume"
        PREREQUISITE = "prerequisite", "Prerequisite file"
        TASK = "task", "Task submission"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_files"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    file = models.FileField(upload_to=_random_path, max_length=200)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100, default="application/pdf")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_purpose_display()})"
