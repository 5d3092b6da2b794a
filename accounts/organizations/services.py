from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_scopes import scope

from accounts.organizations.models import Membership, Organization, OrganizationPolicy, Role
from accounts.people.models import User
from accounts.viewer import viewer_forget
from core.audit.services import audit_record
from core.uploads.logos import logo_attach

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


LAST_ADMIN_MESSAGE = "An organization needs at least one admin. Make someone else an admin first."


def _lock_organization(organization: Organization) -> None:
    # Serializes membership changes of one organization, so two admins demoting each other
    # at the same moment cannot leave it without an admin.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _other_admins_exist(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organization=membership.organization, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_grant(
    *, organization: Organization, user: User, role: str, actor: User, via: str = ""
) -> Membership:
    """The one way a person becomes a member, always with their consent: accepting an
    invitation, an approved join request (they asked), an approved organization request
    (they asked; they become its admin). Nobody is added by email alone. One membership per person
    per organization (also a database constraint). `via` names the path, for the audit."""
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    _lock_organization(organization)
    # Callers outside the organization's pages (the invitee, staff) have no scope active.
    with scope(organization=organization):
        existing = Membership.objects.filter(organization=organization, user=user).first()
        if existing is not None:
            raise ValidationError(
                {
                    "email": f"{user.email} is already a member of {organization.name} "
                    f"(as {existing.get_role_display().lower()})."
                }
            )
        membership = Membership.objects.create(organization=organization, user=user, role=role)
    audit_record(
        action="membership.added",
        obj=membership,
        actor=actor,
        organization=organization,
        to_state=role,
        data={"user": user.email, **({"via": via} if via else {})},
    )
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, actor: User, role: str) -> Membership:
    """Changes a member's role. The last admin cannot stop being admin."""
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    _lock_organization(membership.organization)
    membership.refresh_from_db()
    if membership.role == role:
        return membership
    if membership.role == Role.ADMIN and not _other_admins_exist(membership):
        raise ValidationError({"role": LAST_ADMIN_MESSAGE})
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        action="membership.role_changed",
        obj=membership,
        actor=actor,
        organization=membership.organization,
        from_state=previous,
        to_state=role,
        data={"user": membership.user.email},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """Removes a member. The last admin cannot be removed."""
    _lock_organization(membership.organization)
    membership.refresh_from_db()
    if membership.role == Role.ADMIN and not _other_admins_exist(membership):
        raise ValidationError(LAST_ADMIN_MESSAGE)
    audit_record(
        action="membership.removed",
        obj=membership,
        actor=actor,
        organization=membership.organization,
        from_state=membership.role,
        data={"user": membership.user.email},
    )
    membership.delete()


POLICY_FIELDS = ("mentors_may_shortlist", "mentors_may_decide")


@transaction.atomic
def organization_policy_update(
    *,
    organization: Organization,
    actor: User | None,
    mentors_may_shortlist: bool | None = None,
    mentors_may_decide: bool | None = None,
) -> OrganizationPolicy:
    """Changes what the organization lets its mentors do (a field left None keeps its
    value). The row is created on the first change and locked while it changes; every
    change is audited with its before and after."""
    if actor is not None and not actor.has_perm("accounts.manage_policy", organization):
        raise PermissionDenied("Only the organization's admins change its policy.")
    policy, _ = OrganizationPolicy.objects.select_for_update().get_or_create(
        organization=organization
    )
    wanted = {
        "mentors_may_shortlist": mentors_may_shortlist,
        "mentors_may_decide": mentors_may_decide,
    }
    changed = {
        name: (getattr(policy, name), bool(value))
        for name, value in wanted.items()
        if value is not None and getattr(policy, name) != bool(value)
    }
    for name, (_before, after) in changed.items():
        setattr(policy, name, after)
    policy.save()
    if changed:
        audit_record(
            action="organization.policy_changed",
            obj=policy,
            actor=actor,
            organization=organization,
            from_state=", ".join(f"{name}={before}" for name, (before, _a) in changed.items()),
            to_state=", ".join(f"{name}={after}" for name, (_b, after) in changed.items()),
        )
    if actor is not None:
        viewer_forget(actor)
    return policy
