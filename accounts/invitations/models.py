import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.organizations.models import Role, TenantOwned

INVITATION_LIFETIME = timedelta(days=14)


def invitation_token_hash(token: str) -> str:
    """Only this hash is stored: a leaked database does not leak working invitation links."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_new_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REVOKED = "revoked", "Revoked"
    # A pending invitation past its expiry reads as expired at once (see `state`); it is
    # stored as expired only when a new invitation to the same address replaces it.
    EXPIRED = "expired", "Expired"


class Invitation(TenantOwned):
    """An admin's invitation of an email address into the organization with a role.

    pending → accepted | declined | revoked; pending turns expired 14 days after the last
    sending. The link carries a random token of which only the hash is stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} as {self.role} ({self.status})"

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.EXPIRED or (
            self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()
        )

    @property
    def state(self) -> str:
        """What the invitation is now, counting the clock: a pending one past its expiry is
        expired."""
        return InvitationStatus.EXPIRED if self.is_expired else self.status

    @property
    def state_label(self) -> str:
        return InvitationStatus(self.state).label

    @property
    def masked_email(self) -> str:
        """a…@example.org: enough for the right person to recognise, little for anyone else."""
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}…@{domain}"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(TenantOwned):
    """A signed-in person asks to join the organization as a mentor; an admin approves
    (the person becomes a mentor) or declines with an optional reason. One pending request
    per person per organization."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
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
                fields=["organization", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.organization_id} ({self.status})"


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
