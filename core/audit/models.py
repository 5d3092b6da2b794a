from django.conf import settings
from django.db import models
from django_scopes import ScopedManager


class AuditEvent(models.Model):
    """One recorded state change: who, when, what, from which state to which, and why.

    Written only by services (see core.audit.services). Platform-level events (an
    organization created by staff) have no organization and are read by staff selectors."""

    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.CASCADE
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    from_state = models.CharField(max_length=60, blank=True)
    to_state = models.CharField(max_length=60, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id} by {self.actor}"

    @property
    def object_name(self) -> str:
        """The kind of object without its app label, as people read it: "application",
        "offer", "mentorship"."""
        return self.object_type.rsplit(".", 1)[-1]
