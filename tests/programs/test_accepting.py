"""`accepting_q(now)` is the queryset twin of `accepting_applications(term, now)`: on
generated terms (program statuses, closed early or not) and a `now` taken from one of those
terms' own open or close instant (exactly on it, a second either side, or hours away),
filtering terms by the one keeps exactly the terms for which the other is true. The
examples pin the boundaries: open is included, close excluded, only approved programs
accept, and a term closed early accepts nothing."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, example, given, settings
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
APPROVED = ProgramStatus.APPROVED


def spec(start=10, status=APPROVED, closed_early_after=None) -> dict:
    return {"start": start, "status": status, "closed_early_after": closed_early_after}


terms = st.lists(
    st.builds(
        spec,
        # the term starts this many days from today (its applications open 35 days before
        # and close 20 days before); terms with different starts have different windows
        start=st.integers(min_value=-5, max_value=45),
        status=st.sampled_from(ProgramStatus.values),
        # closed early this many hours after opening, or not at all
        closed_early_after=st.none() | st.integers(min_value=0, max_value=400),
    ),
    min_size=1,
    max_size=3,
)
# `now`: the open or close instant of one of the generated terms (its index, modulo their
# number), moved by this many seconds, so every run lands on or beside a real boundary
anchors = st.tuples(
    st.integers(min_value=0, max_value=2),
    st.sampled_from(["open", "close"]),
    st.sampled_from([0, -1, 1, -3600 * 5, 3600 * 5]),
)


def _make(organization, spec) -> Term:
    start = TODAY + timedelta(days=spec["start"])
    # The cycle's window is exactly the term's (term_create wants the term inside it);
    # neither rule reads the cycle.
    cycle = CycleFactory(
        applications_open_at=at_deadline_time(start - timedelta(days=APPLICATIONS_OPEN_OFFSET)),
        applications_close_at=at_deadline_time(start - timedelta(days=APPLICATIONS_CLOSE_OFFSET)),
    )
    program = ProgramFactory(organization=organization)
    term = make_term(program, cycle, start=start)
    with scopes_disabled():
        Program.objects.filter(pk=program.pk).update(status=spec["status"])
        if spec["closed_early_after"] is not None:
            closed = term.applications_open_at + timedelta(hours=spec["closed_early_after"])
            Term.objects.filter(pk=term.pk).update(applications_closed_early_at=closed)
    return term


def _now(made: list[Term], anchor) -> timezone.datetime:
    index, instant, seconds = anchor
    term = made[index % len(made)]
    at = term.applications_open_at if instant == "open" else term.applications_close_at
    return at + timedelta(seconds=seconds)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=terms, anchor=anchors)
# Approved, not closed early: open is included, close excluded.
@example(specs=[spec()], anchor=(0, "open", 0)).via("open instant: accepting")
@example(specs=[spec()], anchor=(0, "open", -1)).via("a second before opening")
@example(specs=[spec()], anchor=(0, "open", 1)).via("a second after opening")
@example(specs=[spec()], anchor=(0, "close", -1)).via("a second before closing")
@example(specs=[spec()], anchor=(0, "close", 0)).via("close instant: not accepting")
@example(specs=[spec()], anchor=(0, "close", 1)).via("a second after closing")
# Only an approved program accepts, even inside the window.
@example(
    specs=[spec(status=status) for status in ProgramStatus.values if status != APPROVED],
    anchor=(0, "open", 0),
).via("other program statuses on the open instant")
@example(specs=[spec(status=ProgramStatus.DRAFT), spec()], anchor=(1, "open", 1)).via(
    "draft beside approved"
)
# Closed early (even at the open instant itself): nothing accepted, inside the window too.
@example(specs=[spec(closed_early_after=0)], anchor=(0, "open", 0)).via("closed at opening")
@example(specs=[spec(closed_early_after=48)], anchor=(0, "close", -1)).via("closed early")
@example(specs=[spec(closed_early_after=48), spec()], anchor=(1, "open", 0)).via(
    "closed early beside open"
)
def test_accepting_q_agrees_with_accepting_applications(db, specs, anchor):
    with transaction.atomic():
        organization = OrganizationFactory()
        made = [_make(organization, spec) for spec in specs]
        now = _now(made, anchor)
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


@pytest.mark.parametrize(
    "anchor, accepting",
    [
        (("open", -1), False),
        (("open", 0), True),
        (("close", -1), True),
        (("close", 0), False),
    ],
)
def test_the_window_includes_its_open_instant_and_excludes_its_close_instant(db, anchor, accepting):
    # The property above only checks that the two agree: this pins what both say.
    term = _make(OrganizationFactory(), spec())
    now = _now([term], (0, *anchor))
    with scopes_disabled():
        fresh = Term.objects.select_related("program").get(pk=term.pk)
        assert accepting_applications(fresh, now) is accepting
        assert Term.objects.filter(pk=term.pk).filter(accepting_q(now)).exists() is accepting
