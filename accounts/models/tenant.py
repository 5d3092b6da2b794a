from django.db import models
from django_scopes import ScopedManager


class TenantOwned(models.Model):
    """Base of every tenant-owned model: carries its organization, and its default manager
    raises unless a django-scopes scope for an organization is active (or explicitly
    disabled in a named cross-tenant selector or service)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )

    objects = ScopedManager(organization="organization")

    class Meta:
        abstract = True
