"""Two-factor authentication required for admins (setting MFA_REQUIRED_FOR_ADMINS).

"Admin pages" are every page and API endpoint under an organization where the person's role
is admin (/o/<org>/..., /api/v1/orgs/<org>/...), and everything for platform staff
(/staff/..., /api/v1/staff/...). Such a person without an authenticator (TOTP) set up is
sent to the setup page (pages) or answered 403 (API) until they add one. Their own pages
(/me/, /accounts/) stay open, so they can always set it up."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from accounts.organizations.models import Role
from accounts.people.models import User

MFA_REQUIRED_MESSAGE = (
    "Organization admins and platform staff must use two-factor authentication. "
    "Set up an authenticator app to continue."
)
MFA_REQUIRED_API_MESSAGE = (
    "Organization admins and platform staff must use two-factor authentication. "
    "Set it up in the browser at /accounts/2fa/ and try again."
)


def mfa_setup_required(user: User, *, role: str | None = None, staff: bool = False) -> bool:
    if not settings.MFA_REQUIRED_FOR_ADMINS:
        return False
    if role != Role.ADMIN and not staff:
        return False
    return not is_mfa_enabled(user, types=["totp", "webauthn"])


def redirect_to_mfa_setup(request):
    messages.warning(request, MFA_REQUIRED_MESSAGE)
    return redirect("mfa_activate_totp")
