"""Objects of the decisions area for the isolation walker (see tests/isolation/world.py):
in each tenant, a submitted application waiting for a decision and a confirmed offer that
became a mentorship. Names carry the tenant's slug, so B's rows shown to A are caught."""

from datetime import timedelta

from django_scopes import scope

from applications.decisions.models import Offer
from applications.decisions.services.accept import application_accept
from mentorship.offers.services import offer_confirm
from programs.cycles.models import Cycle
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term


def build(tenant) -> dict:
    organization = tenant.organization
    slug = organization.slug
    cycle = Cycle.objects.filter(name="Isolation cycle").first() or CycleFactory(
        name="Isolation cycle"
    )
    program = ProgramFactory(organization=organization, name=f"{slug} decisions program")
    term = make_term(program, cycle, primary_mentor=tenant.mentor)
    ApplicationFactory(  # the role matrix decides on this one (found by its name)
        term=term, applicant=UserFactory(display_name=f"{slug} waiting applicant")
    )
    accepted = ApplicationFactory(
        term=term, applicant=UserFactory(display_name=f"{slug} accepted mentee")
    )
    with scope(organization=organization):
        application_accept(application=accepted, actor=None)
        offer = Offer.objects.get(application=accepted)
        mentorship = offer_confirm(
            offer=offer,
            mentee=accepted.applicant,
            legal_name=f"{slug} legal name",
            agreed=True,
            ip="198.51.100.1",
            now=cycle.results_announced_at + timedelta(minutes=1),
        )
    # "application" stays the base one (tests/applications/isolation.py): one object per
    # URL parameter name serves every area's routes.
    return {"mentorship": mentorship.public_id}
