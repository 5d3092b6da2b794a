from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django_scopes import scope

from accounts.tenancy import organization_view, owned_object, staff_view
from core.forms import apply_errors
from mentorship.certificates.forms import RevokeForm
from mentorship.certificates.models import Certificate
from mentorship.certificates.pdf import certificate_pdf_response, verification_address
from mentorship.certificates.selectors import certificate_public_get
from mentorship.certificates.services import certificate_revoke
from mentorship.mentorships import selectors as mentorships_selectors


@login_required
def my_certificate(request, mentorship):
    with owned_object(request, mentorships_selectors.person_mentorship_get, mentorship) as found:
        certificate = Certificate.objects.filter(mentorship=found).first()
        if certificate is None:
            raise Http404("No certificate.")
        return certificate_pdf_response(certificate)


def verify(request, verification):
    certificate = certificate_public_get(verification_id=verification)
    return render(
        request,
        "mentorship/verify.html",
        {"certificate": certificate, "address": verification_address(certificate)},
    )


def _revoke(request, certificate, done):
    if not request.user.has_perm("mentorship.revoke_certificate", certificate):
        raise PermissionDenied("Only admins of the organization or platform staff revoke.")
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(certificate=certificate, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The certificate is revoked.")
            return done
    return render(
        request, "mentorship/certificate_revoke.html", {"certificate": certificate, "form": form}
    )


@organization_view("mentorship.view_mentorships")
def certificate_revoke_page(request, mentorship):
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=request.organization, public_id=mentorship
    )
    certificate = Certificate.objects.filter(mentorship=mentorship).first()
    if certificate is None:
        raise Http404("No certificate.")
    return _revoke(
        request,
        certificate,
        redirect(
            "mentorship:org-mentorship",
            org=request.organization.slug,
            mentorship=mentorship.public_id,
        ),
    )


@staff_view
def staff_certificate_revoke(request, verification):
    certificate = certificate_public_get(verification_id=verification)
    with scope(organization=certificate.organization_id):
        return _revoke(
            request, certificate, redirect("mentorship:verify", verification=verification)
        )
