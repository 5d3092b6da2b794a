from datetime import UTC, date, datetime

import pytest

from tests.factories.programs import CycleFactory, ProgramFactory

# A cycle far from today, so tests that fix dates do not depend on the clock.
CYCLE_OPENS = datetime(2030, 1, 1, 18, tzinfo=UTC)
CYCLE_CLOSES = datetime(2030, 12, 31, 18, tzinfo=UTC)
JUNE_1 = date(2030, 6, 1)


@pytest.fixture
def cycle_2030(db):
    return CycleFactory(
        name="2030",
        applications_open_at=CYCLE_OPENS,
        applications_close_at=CYCLE_CLOSES,
        results_announced_at=datetime(2031, 1, 5, 18, tzinfo=UTC),
        confirmation_deadline=datetime(2031, 1, 10, 18, tzinfo=UTC),
    )


@pytest.fixture
def cycle_now(db):
    """Open now: from 60 days ago to 60 days ahead."""
    return CycleFactory(name="Now")


@pytest.fixture
def program(org_a, org_b):
    return ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
