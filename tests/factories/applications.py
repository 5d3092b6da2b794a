"""Applications for tests. `ApplicationFactory(term=..., state="submitted")` builds the row
directly (no rules checked): use the services when the test is about the rules."""

import factory
from django.utils import timezone

from applications.apply.models import Application, ApplicationState
from tests.factories.accounts import UserFactory
from tests.factories.base import ScopedFactory


class ApplicationFactory(ScopedFactory):
    class Meta:
        model = Application

    term = None  # required: pass term=...
    organization = factory.LazyAttribute(lambda o: o.term.organization)
    cycle = factory.LazyAttribute(lambda o: o.term.cycle)
    applicant = factory.SubFactory(UserFactory)
    state = ApplicationState.SUBMITTED
    cover_letter = "I would love to work on this."
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.state != ApplicationState.DRAFT else None
    )
