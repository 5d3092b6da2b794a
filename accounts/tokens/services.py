from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.people.models import User
from accounts.tokens.models import ApiToken

MAX_TOKENS_PER_USER = 20


@transaction.atomic
def api_token_create(*, user: User, name: str, second_factor: bool = False) -> tuple[ApiToken, str]:
    """Creates a personal API token. The secret is returned once and stored only hashed.
    `second_factor` says the session creating it passed two-factor authentication; the
    caller refuses first when it must have (accounts.mfa.token_creation_allowed)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, e.g. 'laptop' or 'CI'."})
    if len(name) > 60:
        raise ValidationError({"name": "Use at most 60 characters."})
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            f"You already have {MAX_TOKENS_PER_USER} tokens. Revoke one you no longer use."
        )
    return ApiToken.objects.create(user=user, name=name, second_factor=second_factor)


def api_token_revoke(*, user: User, token_key: str) -> None:
    deleted, _ = ApiToken.objects.filter(user=user, token_key=token_key).delete()
    if not deleted:
        raise ValidationError("No such token.")


def api_tokens_revoke_all(*, user: User) -> int:
    """Revokes every API token of the person (after a password change or reset, or an email
    change: whoever held the old credentials must not keep a way in). Returns how many."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted
