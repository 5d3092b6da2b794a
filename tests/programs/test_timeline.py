"""The term timeline: the preset, and every milestone-order rule with its message."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from programs.terms.models import Milestone
from programs.terms.models import MilestoneKind as K
from programs.terms.services.terms import milestone_move, term_timeline_update
from programs.terms.timeline import ORDER_RULES, preset_instants, start_date_range, timeline_errors
from tests.factories.programs import make_term
from tests.programs.conftest import CYCLE_CLOSES, CYCLE_OPENS, JUNE_1

pytestmark = pytest.mark.django_db


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=18, tzinfo=UTC)


def test_full_time_preset_follows_the_product_table():
    instants = preset_instants("full_time", JUNE_1)
    assert instants[K.APPLICATIONS_OPEN] == at("2030-04-27")  # T−35
    assert instants[K.APPLICATIONS_CLOSE] == at("2030-05-12")  # T−20
    assert instants[K.REVIEW_START] == at("2030-05-13")  # T−19
    assert instants[K.REVIEW_END] == at("2030-05-26")  # T−6
    assert instants[K.RESULTS_ANNOUNCED] == at("2030-05-28")  # T−4
    assert instants[K.TERM_START] == at("2030-06-01")
    assert instants[K.KICKOFF] == at("2030-06-02")
    assert instants[K.EVALUATION_1] == at("2030-06-22")  # end of week 3
    assert instants[K.MIDTERM] == at("2030-07-13")  # end of week 6
    assert instants[K.EVALUATION_3] == at("2030-08-03")  # end of week 9
    assert instants[K.FINAL] == at("2030-08-24")  # end of week 12
    assert instants[K.TERM_END] == at("2030-08-24")
    assert all(value.hour == 18 and value.tzinfo == UTC for value in instants.values())


def test_part_time_preset_doubles_the_evaluation_weeks():
    instants = preset_instants("part_time", JUNE_1)
    assert instants[K.APPLICATIONS_OPEN] == at("2030-04-27")
    assert instants[K.EVALUATION_1] == at("2030-07-13")  # week 6
    assert instants[K.MIDTERM] == at("2030-08-24")  # week 12
    assert instants[K.EVALUATION_3] == at("2030-10-05")  # week 18
    assert instants[K.FINAL] == at("2030-11-16")  # week 24
    assert instants[K.TERM_END] == at("2030-11-16")


def test_creating_a_term_generates_its_milestones_with_midterm_and_final_required(
    program, cycle_2030
):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization):
        milestones = {m.kind: m for m in Milestone.objects.filter(term=term)}
    assert set(milestones) == set(K.values)
    assert milestones[K.MIDTERM].required and milestones[K.FINAL].required
    assert not milestones[K.EVALUATION_1].required and not milestones[K.EVALUATION_3].required
    assert term.applications_open_at == at("2030-04-27")
    assert term.starts_at == at("2030-06-01") and term.ends_at == at("2030-08-24")


def _violating(rule) -> datetime:
    """An instant for `rule.later` that breaks the rule (equal breaks a strict rule)."""
    base = preset_instants("full_time", JUNE_1)[rule.earlier]
    return base if rule.strict else base - timedelta(minutes=1)


@pytest.mark.parametrize("rule", ORDER_RULES, ids=lambda r: f"{r.earlier}<{r.later}")
def test_every_order_rule_refuses_a_timeline_that_breaks_it(program, cycle_2030, rule):
    term = make_term(program, cycle_2030, start=JUNE_1)
    before = term.applications_open_at, term.starts_at, term.ends_at
    with scope(organization=program.organization), pytest.raises(ValidationError) as error:
        term_timeline_update(term=term, actor=None, changes={rule.later: _violating(rule)})
    messages = [m for key, errors in error.value.message_dict.items() for m in errors]
    assert any(m.startswith(rule.message) for m in messages), messages
    assert rule.later in error.value.message_dict  # shown next to the milestone moved
    with scope(organization=program.organization):  # nothing half-written
        term.refresh_from_db()
        assert (term.applications_open_at, term.starts_at, term.ends_at) == before
        assert Milestone.objects.get(term=term, kind=rule.later).at != _violating(rule)


@pytest.mark.parametrize("rule", ORDER_RULES, ids=lambda r: f"{r.earlier}<{r.later}")
def test_every_order_rule_holds_in_both_presets(rule):
    for kind in ("full_time", "part_time"):
        assert rule.holds(preset_instants(kind, JUNE_1)), (kind, rule)


def test_applications_cannot_open_before_the_cycle_window(program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization), pytest.raises(ValidationError) as error:
        term_timeline_update(
            term=term, actor=None, changes={K.APPLICATIONS_OPEN: CYCLE_OPENS - timedelta(hours=1)}
        )
    assert "cannot open before the cycle “2030” opens" in str(error.value.message_dict)


def test_applications_must_close_inside_the_cycle_window(program, cycle_2030):
    term = make_term(program, cycle_2030, start=datetime(2031, 1, 10).date())
    with scope(organization=program.organization), pytest.raises(ValidationError) as error:
        term_timeline_update(
            term=term,
            actor=None,
            changes={K.APPLICATIONS_CLOSE: CYCLE_CLOSES + timedelta(hours=1)},
        )
    assert "must close inside the cycle “2030”" in str(error.value.message_dict)


def test_a_start_date_whose_window_leaves_the_cycle_is_refused_with_the_valid_range(
    program, cycle_2030
):
    with pytest.raises(ValidationError) as error:
        make_term(program, cycle_2030, start=datetime(2030, 1, 20).date())
    message = error.value.message_dict["start_date"][0]
    first, last = start_date_range(cycle_2030)
    assert (str(first), str(last)) == ("2030-02-05", "2031-01-20")
    assert "choose a start date from 2030-02-05 to 2031-01-20" in message
    make_term(program, cycle_2030, start=first)  # the edges fit
    make_term(program, cycle_2030, start=last, kind="full_time")


def test_moving_the_midterm_two_days_keeps_the_rest(program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization):
        midterm = Milestone.objects.get(term=term, kind=K.MIDTERM)
        moved = milestone_move(milestone=midterm, actor=None, at=midterm.at + timedelta(days=2))
        assert moved.at == at("2030-07-15")
        assert Milestone.objects.get(term=term, kind=K.FINAL).at == at("2030-08-24")


def test_moving_the_term_start_keeps_the_copied_dates_in_step(program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization):
        term = term_timeline_update(
            term=term,
            actor=None,
            changes={K.TERM_START: at("2030-05-31"), K.APPLICATIONS_CLOSE: at("2030-05-11")},
        )
        term.refresh_from_db()
    assert term.starts_at == at("2030-05-31") and term.applications_close_at == at("2030-05-11")


def test_errors_name_both_instants_in_the_viewers_zone(program, cycle_2030):
    from django.utils import timezone

    instants = preset_instants("full_time", JUNE_1)
    instants[K.APPLICATIONS_CLOSE] = instants[K.TERM_START]
    with timezone.override("Asia/Tokyo"):
        errors = timeline_errors(instants, cycle_2030, changed={K.APPLICATIONS_CLOSE})
    message = " ".join(errors[K.APPLICATIONS_CLOSE])
    assert "Applications must close before the term starts" in message
    assert "2 Jun 2030, 03:00 Asia/Tokyo" in message
