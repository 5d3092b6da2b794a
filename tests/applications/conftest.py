import pytest

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
