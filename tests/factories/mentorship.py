"""A confirmed mentorship built through the real services (accept, confirm), so its dates
and checkpoints are the ones the product makes."""

import itertools

from django_scopes import scope

from applications.decisions.models import Offer
from mentorship.offers.services import offer_confirm
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

_names = itertools.count(1)


def confirmed_mentorship(tenant, *, term=None, kind="full_time", mentee=None, cycle=None):
    if term is None:
        cycle = cycle or announced_cycle(name=f"Term cycle {next(_names)}")
        program = ProgramFactory(organization=tenant.organization)
        term = term_in(program, cycle, capacity=50, kind=kind, primary_mentor=tenant.mentor)
    mentee = mentee or UserFactory()
    application = ApplicationFactory(term=term, applicant=mentee)
    accept(application, tenant.admin)
    with scope(organization=tenant.organization):
        offer = Offer.objects.get(application=application)
        return offer_confirm(
            offer=offer,
            mentee=mentee,
            legal_name=f"{mentee.name} Legal",
            agreed=True,
            ip="192.0.2.1",
        )
