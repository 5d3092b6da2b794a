"""The payout lists cost the same number of queries for 10 payouts as for 1,000."""

import pytest

from tests.conftest import api_client_for, client_for
from tests.factories.payments import many_payouts, pass_checkpoint, stipend_mentorship

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [10, 1000])
def test_payout_lists_query_counts(org_a, staff_user, size, django_assert_max_num_queries):
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    many_payouts(org_a, payout, size)
    slug = org_a.organization.slug
    admin_api, admin_page = api_client_for(org_a.admin), client_for(org_a.admin)
    staff_api, staff_page = api_client_for(staff_user), client_for(staff_user)
    with django_assert_max_num_queries(12):
        assert admin_api.get(f"/api/v1/orgs/{slug}/payouts/").status_code == 200
    with django_assert_max_num_queries(14):
        assert admin_page.get(f"/o/{slug}/payouts/?state=failed").status_code == 200
    with django_assert_max_num_queries(8):
        assert staff_api.get("/api/v1/staff/payouts/?state=failed").status_code == 200
    with django_assert_max_num_queries(10):
        assert staff_page.get("/staff/payouts/?state=failed").status_code == 200
    response = staff_page.get("/staff/payouts.csv")
    body = b"".join(response.streaming_content).decode()
    assert len(body.strip().splitlines()) == size + 2  # header, the payable one, the failed


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: a person's roles are cached for a while, whatever the list
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_keyset_pages_cost_the_same_at_10_and_1000_payouts(org_a, staff_user):
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    many_payouts(org_a, payout, 9)
    slug = org_a.organization.slug
    admin_api, admin_page = api_client_for(org_a.admin), client_for(org_a.admin)
    staff_api, staff_page = api_client_for(staff_user), client_for(staff_user)
    urls = [
        (admin_api, f"/api/v1/orgs/{slug}/payouts/"),
        (admin_page, f"/o/{slug}/payouts/"),
        (admin_page, f"/o/{slug}/payouts/?page=last"),
        (staff_api, "/api/v1/staff/payouts/?state=failed"),
        (staff_page, "/staff/payouts/?state=failed"),
    ]
    small = [_queries(client, url) for client, url in urls]
    many_payouts(org_a, payout, 990)
    large = [_queries(client, url) for client, url in urls]
    assert small == large
    # Deep pages cost what the first costs.
    body = admin_api.get(f"/api/v1/orgs/{slug}/payouts/").json()
    deep = body["next"].replace("http://testserver", "")
    assert _queries(admin_api, deep) == large[0]


def test_keyset_pages_walk_every_payout_once(org_a, staff_user):
    payout = pass_checkpoint(org_a, stipend_mentorship(org_a))
    many_payouts(org_a, payout, 120)
    slug = org_a.organization.slug
    client = api_client_for(org_a.admin)
    seen, url = [], f"/api/v1/orgs/{slug}/payouts/"
    while url:
        body = client.get(url).json()
        assert body["count"] == 121
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 121
    # Backwards from the last page.
    last = client.get(f"/api/v1/orgs/{slug}/payouts/?page=last").json()
    assert last["next"] is None and last["previous"]
    assert [r["id"] for r in last["results"]] == seen[-len(last["results"]) :]
    staff = api_client_for(staff_user)
    seen, url = [], "/api/v1/staff/payouts/"
    while url:
        body = staff.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(set(seen)) == 121
    bad = client.get(f"/api/v1/orgs/{slug}/payouts/?after=not-a-uuid")
    assert bad.status_code == 200 and len(bad.json()["results"]) == 50
    page = client_for(org_a.admin).get(f"/o/{slug}/payouts/").content.decode()
    assert "121 payouts, newest first, 100 on this page" in page and 'rel="next"' in page
