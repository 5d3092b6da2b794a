"""Django's admin shows tenant-owned rows of every organization to a platform superuser:
its pages run through core.tenancy.CrossTenantAdmin, and render before leaving the door."""

import pytest
from django.test import override_settings
from django_scopes import ScopeError

from accounts.invitations.services.invitations import invitation_create
from accounts.invitations.services.join_requests import join_request_create
from accounts.organizations.models import Membership
from tests.conftest import client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(org_a, org_b):
    invitation, _ = invitation_create(
        organization=org_b.organization, actor=org_b.admin, email="new@beta.test", role="mentor"
    )
    join_request = join_request_create(organization=org_a.organization, user=UserFactory())
    membership = Membership.objects.with_scope(organization=org_b.organization).get(
        user=org_b.admin
    )
    return {"membership": membership, "invitation": invitation, "joinrequest": join_request}


@pytest.fixture
def superuser_client(db):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


@override_settings(MFA_REQUIRED_FOR_ADMINS=False)
@pytest.mark.parametrize("model", ["membership", "invitation", "joinrequest"])
def test_the_changelist_and_change_page_of_a_scoped_model_load(
    rows, superuser_client, org_a, org_b, model
):
    changelist = superuser_client.get(f"/django-admin/accounts/{model}/")
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count >= 1
    row = rows[model]
    change = superuser_client.get(f"/django-admin/accounts/{model}/{row.pk}/change/")
    assert change.status_code == 200
    history = superuser_client.get(f"/django-admin/accounts/{model}/{row.pk}/history/")
    assert history.status_code == 200


@override_settings(MFA_REQUIRED_FOR_ADMINS=False)
def test_the_membership_list_shows_both_organizations(org_a, org_b, superuser_client):
    changelist = superuser_client.get("/django-admin/accounts/membership/")
    organizations = {m.organization_id for m in changelist.context["cl"].result_list}
    assert organizations == {org_a.organization.pk, org_b.organization.pk}
    # the door closes with the page
    with pytest.raises(ScopeError):
        list(Membership.objects.all())


@override_settings(MFA_REQUIRED_FOR_ADMINS=False)
def test_the_membership_add_and_delete_pages_load(rows, superuser_client):
    assert superuser_client.get("/django-admin/accounts/membership/add/").status_code == 200
    membership = rows["membership"]
    delete = superuser_client.get(f"/django-admin/accounts/membership/{membership.pk}/delete/")
    assert delete.status_code == 200
