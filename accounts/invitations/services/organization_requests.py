"""Asking platform staff for a new organization. Anyone signed in may ask (one pending
request per person); staff approve (the organization is created with the requester as its
admin) or decline with a reason. Emails go both ways, after commit."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from accounts.invitations.models import OrganizationRequest, OrganizationRequestStatus
from accounts.organizations.models import Organization, Role
from accounts.organizations.services import membership_grant, organization_create
from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.transitions import reason_required, state_transition


def suggested_slug(name: str) -> str:
    return slugify(name)[:50].strip("-")


def _staff_emails() -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True))


# (from, to): the timestamp field the move sets. Only a pending request is decided.
ORGANIZATION_REQUEST_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (OrganizationRequestStatus.PENDING, OrganizationRequestStatus.APPROVED): "decided_at",
    (OrganizationRequestStatus.PENDING, OrganizationRequestStatus.DECLINED): "decided_at",
}

ORGANIZATION_REQUEST_REFUSALS = {
    OrganizationRequestStatus.APPROVED: "This request was already approved.",
    OrganizationRequestStatus.DECLINED: "This request was already declined.",
}


@transaction.atomic
def organization_request_transition(
    *,
    organization_request: OrganizationRequest,
    to_state: str,
    actor: User | None,
    reason: str = "",
    updates: dict | None = None,
    then=None,
) -> OrganizationRequest:
    """Moves an organization request along ORGANIZATION_REQUEST_TRANSITIONS (compare-and-set,
    audited). `then` is the work done with the move, before it is recorded."""
    return state_transition(
        obj=organization_request,
        to_state=to_state,
        actor=actor,
        transitions=ORGANIZATION_REQUEST_TRANSITIONS,
        refusals=ORGANIZATION_REQUEST_REFUSALS,
        reason=reason,
        updates=updates,
        field="status",
        action=f"organization_request.{to_state}",
        then=then,
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
    if len(website) > 200:
        errors["website"] = "Use at most 200 characters."
    elif website:
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
    created: dict[str, Organization] = {}

    def create_organization(approved: OrganizationRequest) -> dict:
        organization = organization_create(
            actor=actor,
            slug=(slug or "").strip().lower(),
            name=(name or "").strip() or approved.name,
            website=approved.website,
        )
        membership_grant(
            organization=organization,
            user=approved.requested_by,
            role=Role.ADMIN,
            actor=actor,
            via="organization_request",
        )
        OrganizationRequest.objects.filter(pk=approved.pk).update(organization=organization)
        approved.organization = organization
        created["organization"] = organization
        return {"organization": organization.slug}

    organization_request_transition(
        organization_request=organization_request,
        to_state=OrganizationRequestStatus.APPROVED,
        actor=actor,
        updates={"decided_by": actor},
        then=create_organization,
    )
    organization = created["organization"]
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
    reason = reason_required(
        reason, missing="Tell the requester why, so they know what to do next.", limit=1000
    )
    organization_request_transition(
        organization_request=organization_request,
        to_state=OrganizationRequestStatus.DECLINED,
        actor=actor,
        reason=reason,
        updates={"decided_by": actor, "decline_reason": reason},
    )
    email_queue(
        to=[organization_request.requested_by.email],
        template="organization_request_declined",
        context={"name": organization_request.name, "reason": reason},
    )
    return organization_request
