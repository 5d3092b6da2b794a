"""Two-factor authentication required for admins (setting MFA_REQUIRED_FOR_ADMINS).

"Admin pages" are every page and API endpoint under an organization where the person's role
is admin (/o/<org>/..., /api/v1/orgs/<org>/...), everything for platform staff (/staff/...,
/api/v1/staff/...) and Django's admin (/django-admin/). "Second factor required" means *this
session passed it* (or, for an API token, the session that created the token did), not
merely that the person has an authenticator: a password alone never opens these doors.

`second_factor_gate` is the one check; the tenancy decorators and mixins, the staff
decorator and mixin, Django's admin site and token creation all ask it. Someone without an
authenticator is sent to set one up (pages) or answered 403 (API); someone with one whose
session skipped it is asked for a code (pages) or answered 403 (API). Their own pages (/me/,
/accounts/) stay open, so they can always set it up."""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.organizations.models import Role
from accounts.organizations.selectors import user_roles
from accounts.people.models import User
from accounts.tokens.models import ApiToken

MFA_REQUIRED_MESSAGE = (
    "Organization admins and platform staff must use two-factor authentication. "
    "Set up an authenticator app to continue."
)
MFA_REQUIRED_API_MESSAGE = (
    "Organization admins and platform staff must use two-factor authentication. "
    "Set it up in the browser at /accounts/2fa/ and try again."
)
MFA_VERIFY_MESSAGE = (
    "This page needs your second factor. Enter a code from your authenticator app to continue."
)
MFA_VERIFY_API_MESSAGE = (
    "This endpoint needs a session that passed two-factor authentication, or an API token "
    "created from one. Sign in with your authenticator app and create a new token at "
    "/me/tokens/."
)
TOKEN_NEEDS_SECOND_FACTOR_MESSAGE = (
    "Creating an API token needs a session that passed two-factor authentication. "
    "Sign in again with your authenticator app and retry."
)

SETUP = "setup"
VERIFY = "verify"


def second_factor_passed(request) -> bool:
    """Whether this request's credentials passed a second factor: for a session, allauth's
    record of the sign-in steps holds an "mfa" step; for an API token, the token was created
    from such a session."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, ApiToken):
        return auth.second_factor
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return False
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def mfa_required_for(user: User, *, role: str | None = None, staff: bool = False) -> bool:
    return bool(settings.MFA_REQUIRED_FOR_ADMINS) and (role == Role.ADMIN or staff)


def mfa_setup_required(user: User, *, role: str | None = None, staff: bool = False) -> bool:
    """Required here, and the person has no authenticator yet."""
    return mfa_required_for(user, role=role, staff=staff) and not is_mfa_enabled(
        user, types=["totp", "webauthn"]
    )


def second_factor_gate(request, *, role: str | None = None, staff: bool = False) -> str | None:
    """None when the request may go on; SETUP when the person must first add an
    authenticator; VERIFY when they have one but this session (or token) did not pass it."""
    if not mfa_required_for(request.user, role=role, staff=staff):
        return None
    if not is_mfa_enabled(request.user, types=["totp", "webauthn"]):
        return SETUP
    if not second_factor_passed(request):
        return VERIFY
    return None


def token_creation_allowed(request) -> bool:
    """A token must not carry more than the session that makes it: someone with an
    authenticator, or someone who must have one (admin anywhere, staff), creates tokens only
    from a session that passed the second factor."""
    user = request.user
    if second_factor_passed(request):
        return True
    if is_mfa_enabled(user, types=["totp", "webauthn"]):
        return False
    privileged = user.is_staff or Role.ADMIN in user_roles(user).values()
    return not (settings.MFA_REQUIRED_FOR_ADMINS and privileged)


def redirect_to_mfa_setup(request):
    messages.warning(request, MFA_REQUIRED_MESSAGE)
    return redirect("mfa_activate_totp")


def redirect_to_mfa_verify(request):
    messages.warning(request, MFA_VERIFY_MESSAGE)
    return redirect(
        f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
    )


def second_factor_page_response(request, *, role: str | None = None, staff: bool = False):
    """For page views: None to go on, else the redirect to setting up or passing the factor."""
    gate = second_factor_gate(request, role=role, staff=staff)
    if gate == SETUP:
        return redirect_to_mfa_setup(request)
    if gate == VERIFY:
        return redirect_to_mfa_verify(request)
    return None


def second_factor_api_message(request, *, role: str | None = None, staff: bool = False):
    """For API views: None to go on, else the 403 message."""
    gate = second_factor_gate(request, role=role, staff=staff)
    if gate == SETUP:
        return MFA_REQUIRED_API_MESSAGE
    if gate == VERIFY:
        return MFA_VERIFY_API_MESSAGE
    return None
