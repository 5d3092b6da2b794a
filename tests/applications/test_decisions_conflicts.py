"""Rule 6 across areas: a reviewer who declared a conflict of interest with an applicant
cannot decide on them, in the service, on the pages and in the API."""

import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scope

from applications.decisions.services.accept import application_accept, application_decline
from applications.review.services import conflict_declare
from tests.conftest import api_client_for, client_for
from tests.factories.applications import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflicted(org_a, term_a):
    application = ApplicationFactory(term=term_a)
    with scope(organization=org_a.organization):
        for person in (org_a.admin, org_a.coordinator):
            conflict_declare(application=application, reviewer=person, kind="family")
    return application


def test_a_conflicted_admin_cannot_accept_or_decline(org_a, conflicted):
    with scope(organization=org_a.organization), pytest.raises(PermissionDenied):
        application_accept(application=conflicted, actor=org_a.admin)
    with scope(organization=org_a.organization), pytest.raises(PermissionDenied):
        application_decline(application=conflicted, actor=org_a.coordinator)
    conflicted.refresh_from_db()
    assert conflicted.state == "submitted"


def test_conflicted_reviewers_see_no_decision_buttons_and_the_api_refuses(org_a, conflicted):
    page = (
        client_for(org_a.admin)
        .get(f"/o/alpha/review/applicants/{conflicted.public_id}/")
        .content.decode()
    )
    assert f"Accept {conflicted.applicant.name}" not in page
    response = api_client_for(org_a.admin).post(
        f"/api/v1/orgs/alpha/decisions/{conflicted.public_id}/accept/", {}, format="json"
    )
    assert response.status_code == 403
    conflicted.refresh_from_db()
    assert conflicted.state == "submitted"


def test_an_admin_without_a_conflict_sees_the_buttons_on_the_applicant_page(org_a, term_a):
    application = ApplicationFactory(term=term_a)
    page = (
        client_for(org_a.admin)
        .get(f"/o/alpha/review/applicants/{application.public_id}/")
        .content.decode()
    )
    assert f"Accept {application.applicant.name}" in page
    assert f"Decline {application.applicant.name}" in page


def test_the_applicant_page_with_decision_buttons_stays_within_fourteen_queries(
    org_a, term_a, django_assert_max_num_queries
):
    application = ApplicationFactory(term=term_a)
    client = client_for(org_a.admin)
    client.get("/o/alpha/")  # warm the session
    # 14: one of them finds the previous and next applicants (one query for any number),
    # one counts the unread notifications of the navigation's badge.
    with django_assert_max_num_queries(14):
        response = client.get(f"/o/alpha/review/applicants/{application.public_id}/")
    assert response.status_code == 200
