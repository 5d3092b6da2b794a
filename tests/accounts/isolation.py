"""Objects of the accounts app for the isolation walker (see tests/isolation/world.py)."""

from django_scopes import scopes_disabled

from accounts.models import Membership, Role


def build(tenant) -> dict:
    with scopes_disabled():
        member = Membership.objects.get(organization=tenant.organization, role=Role.MENTOR)
    return {"member": member.pk}
