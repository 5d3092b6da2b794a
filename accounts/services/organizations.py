from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Organization, User

from .audit import audit_record

EDITABLE_FIELDS = ("name", "description", "website")


@transaction.atomic
def organization_create(
    *, actor: User, slug: str, name: str, description: str = "", website: str = ""
) -> Organization:
    """Platform staff create a tenant. Slug and name are unique across the platform."""
    organization = Organization(slug=slug, name=name, description=description, website=website)
    organization.full_clean()
    organization.save()
    audit_record(action="organization.created", obj=organization, actor=actor, to_state="active")
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, actor: User, **fields) -> Organization:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save(update_fields=list(fields) or None)
    audit_record(
        action="organization.updated",
        obj=organization,
        actor=actor,
        organization=organization,
        data={"fields": sorted(fields)},
    )
    return organization
