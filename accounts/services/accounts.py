from django.db import transaction

from accounts.models import User

from .audit import audit_record

ACCOUNT_FIELDS = ("display_name", "timezone")


@transaction.atomic
def account_update(*, user: User, actor: User, **fields) -> User:
    """Updates a person's own account fields; a name change is recorded."""
    changed = {name: value for name, value in fields.items() if name in ACCOUNT_FIELDS}
    before = {name: getattr(user, name) for name in changed}
    for name, value in changed.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=list(changed) or None)
    if "display_name" in changed and before["display_name"] != user.display_name:
        audit_record(
            action="account.display_name_changed",
            obj=user,
            actor=actor,
            from_state=before["display_name"][:60],
            to_state=user.display_name[:60],
        )
    return user
