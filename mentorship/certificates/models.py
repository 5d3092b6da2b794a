import secrets

from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


def new_verification_id() -> str:
    """A random, unguessable public id (about 96 bits), short enough to type."""
    return secrets.token_urlsafe(12)


class Certificate(TenantOwned):
    """The letter of completion of a graduated mentorship. What it certifies is copied at
    issue, so the public verification page shows what the letter says. Revoked (with a
    reason) by an admin of the organization or platform staff; never deleted."""

    verification_id = models.CharField(
        max_length=32, unique=True, default=new_verification_id, editable=False
    )
    mentorship = models.OneToOneField(
        "mentorship.Mentorship", on_delete=models.PROTECT, related_name="certificate"
    )
    mentee_name = models.CharField(max_length=200)
    program_name = models.CharField(max_length=200)
    organization_name = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-issued_at", "id"]

    def __str__(self) -> str:
        return f"Certificate {self.verification_id}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
