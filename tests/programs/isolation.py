"""Objects of the programs app for the isolation walker (see tests/isolation/world.py):
a program with a term (its milestones and mentor) and a prerequisite, in each tenant."""

from django_scopes import scope

from programs.cycles.models import Cycle
from programs.prerequisites.services import prerequisite_create
from tests.factories.programs import CycleFactory, ProgramFactory, make_term


def build(tenant) -> dict:
    organization = tenant.organization
    cycle = Cycle.objects.filter(name="Isolation cycle").first() or CycleFactory(
        name="Isolation cycle"
    )
    program = ProgramFactory(organization=organization, name=f"{organization.slug} program")
    term = make_term(program, cycle, primary_mentor=tenant.mentor)
    with scope(organization=organization):
        milestone = term.milestones.get(kind="midterm")
        mentor = term.mentors.get()
        prerequisite = prerequisite_create(
            organization=organization,
            actor=None,
            term=term,
            kind="custom",
            title=f"{organization.slug} task"[:20],
            answer_type="url",
        )
    return {
        "program": program.slug,
        "term": term.pk,
        "milestone": milestone.pk,
        "mentor": mentor.pk,
        "prerequisite": prerequisite.pk,
    }
