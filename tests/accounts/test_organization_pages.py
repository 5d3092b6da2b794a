import pytest
from django_scopes import scopes_disabled

from accounts.organizations.models import Membership, Organization
from accounts.people.demo import DEMO_PASSWORD
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import MembershipFactory

pytestmark = pytest.mark.django_db


def test_member_sees_the_organization_home_with_members_and_role_descriptions(org_a):
    page = client_for(org_a.mentor).get("/o/alpha/").content.decode()
    assert "admin@alpha.test" in page and "Coordinator" in page
    assert "Manage members" not in page


def test_admin_invites_from_the_members_page_and_nobody_is_added_directly(org_a, stranger):
    client = client_for(org_a.admin)
    assert (
        client.post("/o/alpha/members/", {"email": stranger.email, "role": "mentor"}).status_code
        == 405
    )
    response = client.post(
        "/o/alpha/invitations/", {"email": stranger.email, "role": "mentor"}, follow=True
    )
    assert f"Invitation sent to {stranger.email}" in response.content.decode()
    with scopes_disabled():
        assert not Membership.objects.filter(user=stranger).exists()


def test_removing_the_last_admin_from_the_page_shows_why(org_a):
    with scopes_disabled():
        admin = Membership.objects.get(user=org_a.admin)
    response = client_for(org_a.admin).post(f"/o/alpha/members/{admin.pk}/remove/", follow=True)
    assert "needs at least one admin" in response.content.decode()


def test_staff_create_an_organization_and_duplicate_slug_is_a_field_error(staff_user, org_a):
    client = client_for(staff_user)
    response = client.post(
        "/staff/organizations/", {"slug": "gamma", "name": "Gamma", "website": "gamma.org"}
    )
    assert response.status_code == 302
    assert Organization.objects.get(slug="gamma").website == "https://gamma.org"
    response = client.post("/staff/organizations/", {"slug": "alpha", "name": "Other"})
    assert "already exists" in response.content.decode()


def test_non_staff_get_404_on_staff_pages_and_api(org_a):
    assert client_for(org_a.admin).get("/staff/organizations/").status_code == 404
    assert api_client_for(org_a.admin).get("/api/v1/staff/organizations/").status_code == 404
    assert client_for(None).get("/staff/").status_code == 302


@pytest.mark.parametrize("members", [5, 50])
def test_members_page_and_api_queries_do_not_grow_with_members(
    org_a, members, django_assert_max_num_queries
):
    MembershipFactory.create_batch(members, organization=org_a.organization)
    client = client_for(org_a.admin)
    with django_assert_max_num_queries(12):
        assert client.get("/o/alpha/members/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/o/alpha/").status_code == 200
    api = api_client_for(org_a.admin)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/orgs/alpha/members/").status_code == 200


def test_demo_admin_of_borealis_gets_404_everywhere_in_aurora(client):
    from django.core.management import call_command

    call_command("load_demo")
    assert client.login(email="admin.borealis@example.org", password=DEMO_PASSWORD)
    for url in [
        "/o/aurora/",
        "/o/aurora/members/",
        "/api/v1/orgs/aurora/",
        "/api/v1/orgs/aurora/members/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get("/o/borealis/").status_code == 200
