"""Asking platform staff for a new organization. Anyone signed in may ask (one pending
request per person); staff approve (the organization is created with the requester as its
admin) or decline with a reason. Emails go both ways, after commit."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.invitations.models import OrganizationRequest, OrganizationRequestStatus
from accounts.organizations.models import Organization, Role
from accounts.organizations.services import membership_grant, organization_create
from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue


def suggested_slug(name: str) -> str:
    return slugify(name)[:50].strip("-")


def _staff_emails() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


def _cas(organization_request: OrganizationRequest, *, to: str, actor: User, **fields) -> None:
    moved = OrganizationRequest.objects.filter(
        pk=organization_request.pk, status=OrganizationRequestStatus.PENDING
    ).update(status=to, decided_by=actor, decided_at=timezone.now(), **fields)
    organization_request.refresh_from_db()
    if not moved:
        raise ValidationError(
            f"This request was already {organization_request.get_status_display().lower()}."
        )


@transaction.atomic
def organization_request_create(
    *, user: User, name: str, reason: str, website: str = ""
) -> OrganizationRequest:
    """Asks staff to create an organization. The name must be free; one pending request per
    person."""
    name, reason, website = (name or "").strip(), (reason or "").strip(), (website or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Give the organization's name."
    elif len(name) > 100:
        errors["name"] = "Use at most 100 characters."
    elif Organization.objects.filter(name__iexact=name).exists():
        errors["name"] = (
            f"An organization named “{name}” already exists. Ask to join it from the "
            "organizations page instead."
        )
    if not reason:
        errors["reason"] = "Tell staff who you are and why the organization needs the platform."
    elif len(reason) > 3000:
        errors["reason"] = "Use at most 3000 characters."
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors["website"] = "Enter a full address, e.g. https://example.org."
    if errors:
        raise ValidationError(errors)
    # Serializes one person's requests, so two clicks cannot create two pending requests.
    User.objects.select_for_update().filter(pk=user.pk).first()
    pending = OrganizationRequest.objects.filter(
        requested_by=user, status=OrganizationRequestStatus.PENDING
    ).first()
    if pending is not None:
        raise ValidationError(
            f"You already asked for “{pending.name}” on {pending.created_at:%d %B %Y}. Staff "
            "will answer by email; you can ask for another organization after that."
        )
    organization_request = OrganizationRequest.objects.create(
        requested_by=user, name=name, website=website, reason=reason
    )
    audit_record(
        action="organization_request.created",
        obj=organization_request,
        actor=user,
        to_state=OrganizationRequestStatus.PENDING,
        data={"name": name},
    )
    email_queue(
        to=_staff_emails(),
        template="organization_request_received",
        context={
            "name": name,
            "website": website,
            "reason": reason,
            "person": user.name,
            "email": user.email,
            "link": absolute_url(
                "accounts:staff-organization-request",
                organization_request=organization_request.public_id,
            ),
        },
    )
    return organization_request


@transaction.atomic
def organization_request_approve(
    *, organization_request: OrganizationRequest, actor: User, slug: str, name: str = ""
) -> Organization:
    """Staff approve: the organization is created (staff choose its address, and may adjust
    the name) and the requester becomes its admin, all together or nothing."""
    _cas(organization_request, to=OrganizationRequestStatus.APPROVED, actor=actor)
    organization = organization_create(
        actor=actor,
        slug=(slug or "").strip().lower(),
        name=(name or "").strip() or organization_request.name,
        website=organization_request.website,
    )
    membership_grant(
        organization=organization,
        user=organization_request.requested_by,
        role=Role.ADMIN,
        actor=actor,
        via="organization_request",
    )
    OrganizationRequest.objects.filter(pk=organization_request.pk).update(organization=organization)
    organization_request.organization = organization
    audit_record(
        action="organization_request.approved",
        obj=organization_request,
        actor=actor,
        from_state=OrganizationRequestStatus.PENDING,
        to_state=OrganizationRequestStatus.APPROVED,
        data={"organization": organization.slug},
    )
    email_queue(
        to=[organization_request.requested_by.email],
        template="organization_request_approved",
        organization=organization,
        context={
            "name": organization.name,
            "link": absolute_url("programs:org-home", org=organization.slug),
            "members_link": absolute_url("accounts:org-members", org=organization.slug),
        },
    )
    return organization


@transaction.atomic
def organization_request_decline(
    *, organization_request: OrganizationRequest, actor: User, reason: str
) -> OrganizationRequest:
    """Staff decline, always saying why: the requester reads the reason in the email."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Tell the requester why, so they know what to do next."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "Use at most 1000 characters."})
    _cas(
        organization_request,
        to=OrganizationRequestStatus.DECLINED,
        actor=actor,
        decline_reason=reason,
    )
    audit_record(
        action="organization_request.declined",
        obj=organization_request,
        actor=actor,
        from_state=OrganizationRequestStatus.PENDING,
        to_state=OrganizationRequestStatus.DECLINED,
        reason=reason,
    )
    email_queue(
        to=[organization_request.requested_by.email],
        template="organization_request_declined",
        context={"name": organization_request.name, "reason": reason},
    )
    return organization_request
