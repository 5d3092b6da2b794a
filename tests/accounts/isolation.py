"""Objects of the accounts app for the isolation walker (see tests/isolation/world.py)."""

from django_scopes import scopes_disabled

from accounts.invitations.models import JoinRequest
from accounts.invitations.services.invitations import invitation_create
from accounts.organizations.models import Membership, Role
from tests.factories.accounts import UserFactory


def build(tenant) -> dict:
    with scopes_disabled():
        member = Membership.objects.get(organization=tenant.organization, role=Role.MENTOR)
    params = {"member": member.pk}
    # A pending invitation and join request; their texts carry the tenant's slug, so B's
    # rows shown to A are caught.
    slug = tenant.organization.slug
    invitation, _token = invitation_create(
        organization=tenant.organization,
        actor=tenant.admin,
        email=f"invitee@{slug}.test",
        role=Role.MENTOR,
    )
    joiner = UserFactory(email=f"joiner@{slug}.test", display_name=f"Joiner {slug}")
    with scopes_disabled():
        join_request = JoinRequest.objects.create(
            organization=tenant.organization, user=joiner, message=f"Hello from {slug}"
        )
    params.update({"invitation": invitation.public_id, "join_request": join_request.public_id})
    return params
