import uuid

from django.conf import settings
from django.db import models


class OrganizationRequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class OrganizationRequest(models.Model):
    """A signed-in person asks platform staff to create a new organization. Staff approve
    (the organization is created with the requester as its admin) or decline with a reason.
    Platform-level, not tenant-owned: read by the requester and by staff."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organization_requests"
    )
    name = models.CharField(max_length=100)
    website = models.URLField(blank=True)
    reason = models.TextField("why", max_length=3000)
    status = models.CharField(
        max_length=20,
        choices=OrganizationRequestStatus.choices,
        default=OrganizationRequestStatus.PENDING,
    )
    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by"],
                condition=models.Q(status="pending"),
                name="one_pending_organization_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"
