from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from core.tenancy import cross_tenant
from mentorship.certificates.models import Certificate


@cross_tenant
def certificate_public_get(*, verification_id: str) -> Certificate:
    """A certificate by its public verification id, for the public verification page.
    Cross-tenant because the address names no organization; it finds one row by its
    random id and the page shows only what the letter itself says."""
    certificate = (
        Certificate.objects.select_related("organization")
        .filter(verification_id=verification_id)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def organization_certificates(*, organization: Organization):
    return Certificate.objects.filter(organization=organization).select_related(
        "mentorship__mentee", "revoked_by"
    )


def certificate_get(*, organization: Organization, verification_id: str) -> Certificate:
    certificate = (
        organization_certificates(organization=organization)
        .filter(verification_id=verification_id)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


@cross_tenant
def mentee_certificates(*, user: User) -> list[Certificate]:
    """The person's own letters, in every organization (filtered by the mentee)."""
    return list(Certificate.objects.select_related("mentorship").filter(mentorship__mentee=user))


@cross_tenant
def mentee_certificate_get(*, user: User, public_id: str) -> Certificate:
    """One of the person's own letters by its verification id, else 404 (filtered by the
    mentee and the id)."""
    certificate = (
        Certificate.objects.select_related("mentorship")
        .filter(mentorship__mentee=user, verification_id=public_id)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate
