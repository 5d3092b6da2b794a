"""Objects of matching for the isolation walker (see tests/isolation/world.py): one matched
cycle shared by both tenants, a term in each, and one run over both. A's build queues the
run; B's build adds B's term and applicants (one of them, a shared mentee, also applied to
A's term but prefers B's and is placed there) and executes the run, so A's preview of the
same run has B's rows next to its own and must show none of them."""

from mentorship.runs.models import MatchRun
from mentorship.runs.services.execute import match_run_execute
from mentorship.runs.services.runs import match_run_start
from programs.cycles.models import Cycle
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import term_in
from tests.factories.matching import matched_cycle, score
from tests.factories.programs import ProgramFactory

CYCLE = "Isolation matched cycle"
SHARED = "isolation shared mentee"
# A's term and tenant by cycle id, for B's build (A is built first).
_FIRST: dict[int, tuple] = {}


def build(tenant) -> dict:
    organization = tenant.organization
    slug = organization.slug
    cycle = Cycle.objects.filter(name=CYCLE).first()
    first = cycle is None
    if first:
        cycle = matched_cycle(name=CYCLE)
    program = ProgramFactory(organization=organization, name=f"{slug} matched program")
    term = term_in(program, cycle, capacity=1, primary_mentor=tenant.mentor)
    placed = ApplicationFactory(
        term=term, applicant=UserFactory(display_name=f"{slug} matched mentee"), mentee_rank=1
    )
    score(placed, tenant.admin, 3, notes=f"{slug} review")
    if first:
        _FIRST[cycle.pk] = (term, tenant)
        run = match_run_start(cycle=cycle, actor=None, enqueue=False)
        return {"run": run.pk}
    # The shared mentee prefers B's term, where B ranks them first; A ranks them above its
    # placed mentee, so A's preview explains where they went, without naming B.
    first_term, first_tenant = _FIRST.pop(cycle.pk)
    shared = UserFactory(display_name=SHARED)
    score(
        ApplicationFactory(term=term, applicant=shared, mentee_rank=1),
        tenant.admin,
        5,
        notes=f"{slug} review",
    )
    score(
        ApplicationFactory(term=first_term, applicant=shared, mentee_rank=2),
        first_tenant.admin,
        5,
    )
    run = MatchRun.objects.get(cycle=cycle)
    assert match_run_execute(run_id=run.pk) == "succeeded"
    return {"run": run.pk}
