"""`accepting_q(now)` is the queryset twin of `accepting_applications(term, now)`: on
generated terms (open and close instants around `now`, on the boundaries too, program
statuses, closed early or not, cycle windows), filtering terms by the one keeps exactly the
terms for which the other is true."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programs.programs.models import Program, ProgramStatus
from programs.terms.models import Term
from programs.terms.timeline import (
    APPLICATIONS_CLOSE_OFFSET,
    APPLICATIONS_OPEN_OFFSET,
    accepting_applications,
    accepting_q,
    at_deadline_time,
)
from tests.factories.accounts import OrganizationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()

terms = st.lists(
    st.fixed_dictionaries(
        {
            # the term starts this many days from today: applications open 35 days before,
            # close 20 days before, so `now` falls before, inside and after the window
            "start": st.integers(min_value=-5, max_value=45),
            "status": st.sampled_from(ProgramStatus.values),
            # closed early this many hours after opening, or not at all
            "closed_early_after": st.none() | st.integers(min_value=0, max_value=400),
            "cycle_margins": st.tuples(
                st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=20)
            ),
        }
    ),
    min_size=1,
    max_size=3,
)
# `now`: a day around today at the 18:00 deadline time, plus a second either way, so the
# boundaries (open: included, close: excluded) are hit
nows = st.builds(
    lambda days, seconds: (
        at_deadline_time(TODAY + timedelta(days=days)) + timedelta(seconds=seconds)
    ),
    st.integers(min_value=-2, max_value=30),
    st.sampled_from([-1, 0, 1, 3600 * 5]),
)


def _make(organization, spec) -> Term:
    start = TODAY + timedelta(days=spec["start"])
    opens = at_deadline_time(start - timedelta(days=APPLICATIONS_OPEN_OFFSET))
    closes = at_deadline_time(start - timedelta(days=APPLICATIONS_CLOSE_OFFSET))
    before, after = spec["cycle_margins"]
    cycle = CycleFactory(
        applications_open_at=opens - timedelta(days=before),
        applications_close_at=closes + timedelta(days=after),
    )
    program = ProgramFactory(organization=organization)
    term = make_term(program, cycle, start=start)
    with scopes_disabled():
        Program.objects.filter(pk=program.pk).update(status=spec["status"])
        if spec["closed_early_after"] is not None:
            closed = term.applications_open_at + timedelta(hours=spec["closed_early_after"])
            Term.objects.filter(pk=term.pk).update(applications_closed_early_at=closed)
    return term


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=terms, now=nows)
def test_accepting_q_agrees_with_accepting_applications(db, specs, now):
    with transaction.atomic():
        organization = OrganizationFactory()
        made = [_make(organization, spec) for spec in specs]
        with scopes_disabled():
            fresh = list(Term.objects.select_related("program").filter(pk__in=[t.pk for t in made]))
            by_rule = {term.pk for term in fresh if accepting_applications(term, now)}
            by_query = set(
                Term.objects.filter(pk__in=[t.pk for t in made])
                .filter(accepting_q(now))
                .values_list("pk", flat=True)
            )
        transaction.set_rollback(True)
    assert by_query == by_rule
