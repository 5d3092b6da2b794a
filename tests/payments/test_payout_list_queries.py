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
