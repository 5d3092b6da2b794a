import pytest

from applications.decisions.models import Offer
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import CycleFactory, ProgramFactory, make_term


@pytest.fixture
def cycle(db):
    """A cycle whose window is open now."""
    return CycleFactory(name="Now")


@pytest.fixture
def term_a(org_a, cycle):
    """A term of organization A accepting applications now (capacity 3)."""
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    return make_term(program, cycle)


@pytest.fixture
def term_b(org_b, cycle):
    """A term of organization B (the other tenant) in the same cycle."""
    program = ProgramFactory(organization=org_b.organization, name="Beta Cloud Mentorship")
    return make_term(program, cycle)


@pytest.fixture
def announced_term(org_a):
    """A term of organization A in a cycle whose results are announced (capacity 1)."""
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    return term_in(
        program,
        announced_cycle(),
        primary_mentor=org_a.mentor,
        capacity=1,
    )


@pytest.fixture
def offer(org_a, announced_term):
    """A pending offer, visible to its mentee, in `announced_term`."""
    application = ApplicationFactory(term=announced_term, applicant=UserFactory(email="m@x.test"))
    accept(application, org_a.admin)
    return (
        Offer.objects.with_scopes_disabled()
        .select_related("application")
        .get(application=application)
    )
