"""The mentee's list of applications leads to the offer once results are announced."""

import pytest

from tests.conftest import client_for
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


def test_an_announced_acceptance_links_to_the_offer_on_my_applications(org_a):
    term = term_in(ProgramFactory(organization=org_a.organization), announced_cycle())
    application = ApplicationFactory(term=term)
    accept(application, org_a.admin)
    page = client_for(application.applicant).get("/me/applications/").content.decode()
    assert "Accepted" in page
    assert f"/me/offers/{application.public_id}/" in page
    offer = client_for(application.applicant).get(f"/me/offers/{application.public_id}/")
    assert offer.status_code == 200


def test_a_confirmed_offer_links_to_the_mentorship_instead(org_a, django_assert_max_num_queries):
    from django_scopes import scope

    from applications.decisions.models import Offer
    from mentorship.offers.services import offer_confirm

    term = term_in(ProgramFactory(organization=org_a.organization), announced_cycle())
    application = ApplicationFactory(term=term)
    accept(application, org_a.admin)
    with scope(organization=org_a.organization):
        mentorship = offer_confirm(
            offer=Offer.objects.get(application=application),
            mentee=application.applicant,
            legal_name="Ana Applicant",
            agreed=True,
            ip="198.51.100.7",
        )
    client = client_for(application.applicant)
    page = client.get("/me/applications/").content.decode()
    assert f"/me/mentorships/{mentorship.public_id}/" in page
    assert "You confirmed your place" in page
    assert f"/me/offers/{application.public_id}/" not in page
