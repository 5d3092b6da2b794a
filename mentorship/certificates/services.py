"""Graduation and the letter of completion: a final pass graduates the mentorship, which
issues its certificate (with a random public verification id) and tells the mentee. An
admin of the organization or platform staff revoke a certificate with a reason."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from applications.decisions.models import Offer
from core.audit.services import audit_record
from core.outbox.services import absolute_url
from core.transitions import reason_required
from mentorship.certificates.models import Certificate
from mentorship.mentorships.emails import mentorship_notify
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.mentorships.services import mentorship_transition


def _legal_name(mentorship: Mentorship) -> str:
    """The name the mentee signed the agreement with, else their display name."""
    legal = (
        Offer.objects.filter(application_id=mentorship.application_id)
        .values_list("legal_name", flat=True)
        .first()
    )
    return legal or mentorship.mentee.name


@transaction.atomic
def certificate_issue(*, mentorship: Mentorship, actor: User | None) -> Certificate:
    """The graduated mentorship's letter of completion (one per mentorship; issuing twice
    returns the first). What it certifies is copied now."""
    if mentorship.state != MentorshipState.GRADUATED:
        raise ValidationError("Only a graduated mentorship has a letter of completion.")
    existing = Certificate.objects.filter(mentorship=mentorship).first()
    if existing is not None:
        return existing
    certificate = Certificate.objects.create(
        organization_id=mentorship.organization_id,
        mentorship=mentorship,
        mentee_name=_legal_name(mentorship),
        program_name=mentorship.term.program.name,
        organization_name=mentorship.organization.name,
        starts_at=mentorship.starts_at,
        ends_at=mentorship.ends_at,
    )
    audit_record(
        action="certificate.issued",
        obj=certificate,
        actor=actor,
        organization=mentorship.organization,
        to_state="issued",
        reason="The final evaluation passed",
    )
    return certificate


@transaction.atomic
def mentorship_graduate(*, mentorship: Mentorship, actor: User | None) -> Certificate:
    """A pass at the final checkpoint: the mentorship graduates, its certificate is issued
    and the mentee (and the mentors) are told, with the verification address."""
    mentorship_transition(
        mentorship=mentorship,
        to_state=MentorshipState.GRADUATED,
        actor=actor,
        reason="The final evaluation passed",
    )
    certificate = certificate_issue(mentorship=mentorship, actor=actor)
    address = absolute_url("mentorship:verify", verification=certificate.verification_id)
    mentorship_notify(
        mentorship=mentorship,
        subject="graduated",
        message=f"Congratulations: {mentorship.mentee.name} passed the final evaluation and "
        "graduated. The letter of completion (PDF) can be downloaded from the mentorship's "
        f"page; anyone can check it at {address}",
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: User | None, reason: str) -> Certificate:
    """An admin of the organization or platform staff revoke a certificate, with a reason
    shown on its public verification page. Revoking twice is refused."""
    if actor is not None and not actor.has_perm("mentorship.revoke_certificate", certificate):
        raise PermissionDenied("Only the organization's admins or platform staff revoke.")
    reason = reason_required(reason, missing="Say why the certificate is revoked; it is public.")
    now = timezone.now()
    moved = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=actor, revoke_reason=reason
    )
    if not moved:
        raise ValidationError("This certificate is already revoked.")
    certificate.revoked_at, certificate.revoked_by, certificate.revoke_reason = now, actor, reason
    audit_record(
        action="certificate.revoked",
        obj=certificate,
        actor=actor,
        organization=certificate.organization,
        from_state="issued",
        to_state="revoked",
        reason=reason,
    )
    return certificate
