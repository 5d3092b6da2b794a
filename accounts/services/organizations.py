from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.logos import logo_attach
from accounts.models import Organization, User

from .audit import audit_record

EDITABLE_FIELDS = ("name", "description", "website")


@transaction.atomic
def organization_create(
    *,
    actor: User,
    slug: str,
    name: str,
    description: str = "",
    website: str = "",
    logo=None,
) -> Organization:
    """Platform staff create a tenant. Slug and name are unique across the platform; a logo
    must be a PNG or JPEG of at most 2 MB (checked by content)."""
    organization = Organization(slug=slug, name=name, description=description, website=website)
    organization.full_clean(exclude=["logo"])
    if logo:
        logo_attach(organization, logo)
    organization.save()
    audit_record(action="organization.created", obj=organization, actor=actor, to_state="active")
    return organization


@transaction.atomic
def organization_update(
    *, organization: Organization, actor: User, logo=None, **fields
) -> Organization:
    """Changes an organization's name, description, website and (optionally) logo."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean(exclude=["logo"])
    changed = list(fields)
    if logo:
        logo_attach(organization, logo)
        changed += ["logo", "logo_content_type"]
        fields["logo"] = True
    organization.save(update_fields=changed or None)
    audit_record(
        action="organization.updated",
        obj=organization,
        actor=actor,
        organization=organization,
        data={"fields": sorted(fields)},
    )
    return organization
