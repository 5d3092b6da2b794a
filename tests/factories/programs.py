"""Programs, cycles and terms for tests. Terms are made through the service, so their
timeline is the real generated one."""

from datetime import date, timedelta

import factory
from django.utils import timezone
from django_scopes import scope

from programs.cycles.models import Cycle
from programs.programs.models import Program, ProgramStatus
from programs.terms.services.terms import term_create
from programs.terms.timeline import at_deadline_time
from tests.factories.accounts import OrganizationFactory
from tests.factories.base import ScopedFactory


def days_from_today(days: int):
    return at_deadline_time(timezone.now().date() + timedelta(days=days))


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle whose application window is open now (from 60 days ago to 60 days ahead)."""

    class Meta:
        model = Cycle

    name = factory.Sequence(lambda n: f"Cycle {n}")
    applications_open_at = factory.LazyFunction(lambda: days_from_today(-60))
    applications_close_at = factory.LazyFunction(lambda: days_from_today(60))
    results_announced_at = factory.LazyAttribute(
        lambda o: o.applications_close_at + timedelta(days=2)
    )
    confirmation_deadline = factory.LazyAttribute(
        lambda o: o.results_announced_at + timedelta(days=5)
    )


class ProgramFactory(ScopedFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    description = "Work on real issues with a mentor. Expected outcomes: merged changes."
    status = ProgramStatus.APPROVED

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


def make_term(program, cycle, start: date | None = None, kind="full_time", capacity=3, **extra):
    """A term of `program` via the service; by default it accepts applications now (start in
    30 days: applications opened 5 days ago and close in 10)."""
    start = start or (timezone.now().date() + timedelta(days=30))
    with scope(organization=program.organization):
        return term_create(
            program=program,
            actor=None,
            cycle=cycle,
            kind=kind,
            start_date=start,
            capacity=capacity,
            **extra,
        )
