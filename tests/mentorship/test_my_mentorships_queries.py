"""/me/mentorships/ (page and API) runs the same number of queries for one mentorship as for
five: the list reads its mentors, terms and applications in fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from applications.decisions.models import Offer
from mentorship.offers.services import offer_confirm
from tests.applications.review_data import make_applicant
from tests.conftest import api_client_for, client_for
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


def _mentorships(tenant, cycle, count, start):
    for number in range(start, start + count):
        program = ProgramFactory(organization=tenant.organization, name=f"Program {number}")
        term = term_in(program, cycle, primary_mentor=tenant.mentor)
        application = make_applicant(term, name=f"Mentee {number}")
        accept(application, tenant.admin)
        offer = Offer.objects.with_scopes_disabled().get(application=application)
        with scope(organization=tenant.organization):
            offer_confirm(
                offer=offer, mentee=application.applicant, legal_name="M", agreed=True, ip=None
            )


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["api:my-mentorships-list", "mentorship:me-mentorships"])
def test_my_mentorships_queries_do_not_grow(org_a, name):
    cycle = announced_cycle()
    url = reverse(name)
    client = (api_client_for if name.startswith("api:") else client_for)(org_a.mentor)
    _mentorships(org_a, cycle, 1, 0)
    one = _queries(client, url)
    _mentorships(org_a, cycle, 4, 1)
    assert _queries(client, url) == one
