"""The phase of a term, from its milestones and the clock, at instants around each
milestone (the clock moved with time-machine)."""

from datetime import timedelta

import pytest
import time_machine
from django_scopes import scope

from programs.programs.models import ProgramStatus
from programs.terms.models import MilestoneKind as K
from programs.terms.services.terms import term_close_applications
from programs.terms.timeline import Phase, accepting_applications, preset_instants, term_phase
from tests.factories.programs import ProgramFactory, make_term
from tests.programs.conftest import JUNE_1

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
P = Phase
# milestone: (phase just before it, phase at it)
EXPECTED = {
    K.APPLICATIONS_OPEN: (P.UPCOMING, P.ACCEPTING),
    K.APPLICATIONS_CLOSE: (P.ACCEPTING, P.REVIEWING),
    K.REVIEW_START: (P.REVIEWING, P.REVIEWING),
    K.REVIEW_END: (P.REVIEWING, P.REVIEWING),
    K.RESULTS_ANNOUNCED: (P.REVIEWING, P.REVIEWING),
    K.TERM_START: (P.REVIEWING, P.IN_PROGRESS),
    K.KICKOFF: (P.IN_PROGRESS, P.IN_PROGRESS),
    K.EVALUATION_1: (P.IN_PROGRESS, P.IN_PROGRESS),
    K.MIDTERM: (P.IN_PROGRESS, P.IN_PROGRESS),
    K.EVALUATION_3: (P.IN_PROGRESS, P.IN_PROGRESS),
    K.FINAL: (P.IN_PROGRESS, P.FINISHED),  # the final evaluation is due as the term ends
    K.TERM_END: (P.IN_PROGRESS, P.FINISHED),
}


@pytest.fixture
def term(program, cycle_2030):
    return make_term(program, cycle_2030, start=JUNE_1)


@pytest.mark.parametrize("kind", list(EXPECTED), ids=str)
@pytest.mark.parametrize("term_kind", ["full_time", "part_time"])
def test_phase_around_each_milestone(program, cycle_2030, kind, term_kind):
    term = make_term(program, cycle_2030, start=JUNE_1, kind=term_kind)
    instant = preset_instants(term_kind, JUNE_1)[kind]
    before, at = EXPECTED[kind]
    with time_machine.travel(instant - SECOND, tick=False):
        assert term_phase(term) == before
    with time_machine.travel(instant, tick=False):
        assert term_phase(term) == at
    with time_machine.travel(instant + SECOND, tick=False):
        assert term_phase(term) == at


def test_a_term_of_an_unapproved_program_does_not_accept_applications(org_a, cycle_2030):
    draft = ProgramFactory(organization=org_a.organization, status=ProgramStatus.SUBMITTED)
    term = make_term(draft, cycle_2030, start=JUNE_1)
    with time_machine.travel(term.applications_open_at + SECOND, tick=False):
        assert not accepting_applications(term)
        assert term_phase(term) == P.UPCOMING


def test_closing_early_moves_the_term_to_reviewing(term):
    with time_machine.travel(term.applications_open_at + timedelta(days=1), tick=False):
        with scope(organization=term.organization):
            term = term_close_applications(term=term, actor=None)
        assert term_phase(term) == P.REVIEWING


def test_the_dashboard_shows_the_phase_the_clock_gives(client, org_a, term):
    def dashboard_at(instant) -> str:
        with time_machine.travel(instant, tick=False):
            client.force_login(org_a.admin)  # a session started "now"
            return client.get("/o/alpha/").content.decode()

    assert "Upcoming" in dashboard_at(term.applications_open_at - SECOND)
    body = dashboard_at(term.applications_open_at + SECOND)
    assert "Accepting applications" in body
    assert "Applications close" in body  # the next milestone
    body = dashboard_at(term.starts_at + SECOND)
    assert "In progress" in body and "Kickoff" in body
    assert "Finished" in dashboard_at(term.ends_at + SECOND)
