"""Plans: amounts to the cent, frozen at confirmation, never changed by a later table."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from payments.plans.models import StipendPlan
from payments.plans.services import policy_set, split
from payments.tables.services import table_import
from tests.factories.payments import paid_program, ppp_table, stipend_mentorship

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("total", "percents", "expected"),
    [
        ("1000.00", [33, 33, 34], ["330.00", "330.00", "340.00"]),
        ("1000.01", [33, 33, 34], ["330.00", "330.00", "340.01"]),
        ("999.99", [25, 25, 25, 25], ["249.99", "249.99", "249.99", "250.02"]),
        ("3333.33", [10, 20, 30, 40], ["333.33", "666.66", "999.99", "1333.35"]),
        ("0.07", [50, 50], ["0.03", "0.04"]),
    ],
)
def test_installments_sum_to_the_total_to_the_cent(total, percents, expected):
    parts = split(Decimal(total), percents)
    assert [str(p) for p in parts] == expected
    assert sum(parts) == Decimal(total)
    assert all(isinstance(p, Decimal) for p in parts)


def plan_of(tenant, mentorship):
    with scope(organization=tenant.organization):
        plan = StipendPlan.objects.get(mentorship=mentorship)
        return plan, list(plan.installments.order_by("number"))


def test_confirming_freezes_the_plan_from_the_table_and_the_country(org_a):
    mentorship = stipend_mentorship(org_a, country="DE")
    plan, installments = plan_of(org_a, mentorship)
    assert (plan.total, plan.currency, plan.country) == (Decimal("5400.00"), "USD", "DE")
    assert [(i.checkpoint, i.amount) for i in installments] == [
        ("midterm", Decimal("2700.00")),
        ("final", Decimal("2700.00")),
    ]
    assert installments[0].expected_at == mentorship.midterm_at


def test_odd_flat_total_in_three_installments(org_a):
    schedule = [
        {"checkpoint": "evaluation_1", "percent": 33},
        {"checkpoint": "midterm", "percent": 33},
        {"checkpoint": "final", "percent": 34},
    ]
    mentorship = stipend_mentorship(org_a, kind="flat", flat_amount="1000.01", schedule=schedule)
    plan, installments = plan_of(org_a, mentorship)
    assert [i.amount for i in installments] == [
        Decimal("330.00"),
        Decimal("330.00"),
        Decimal("340.01"),
    ]
    assert sum(i.amount for i in installments) == plan.total


def test_part_time_scaling(org_a):
    mentorship = stipend_mentorship(
        org_a, country="US", term_kind="part_time", part_time_percent=50
    )
    plan, _ = plan_of(org_a, mentorship)
    assert plan.total == Decimal("3000.00")


def test_a_later_table_version_never_changes_a_frozen_plan(org_a):
    ppp_table()
    program = paid_program(org_a)
    first = stipend_mentorship(org_a, program=program, country="IN")
    # A new version taking effect before the term starts: new plans use it, old ones keep theirs.
    table_import(
        actor=None,
        name="Floor",
        effective_from=date(2026, 7, 1),
        csv_text="country,tier,amount\nIN,1,1000.00\n",
        floor_amount="1000.00",
    )
    term = first.term
    second = stipend_mentorship(org_a, program=program, term=term, country="IN")
    assert plan_of(org_a, first)[0].total == Decimal("3000.00")
    assert plan_of(org_a, second)[0].total == Decimal("1000.00")
    third = stipend_mentorship(org_a, program=program, term=term, country="FJ")  # no row: the floor
    assert plan_of(org_a, third)[0].total == Decimal("1000.00")


def test_unpaid_programs_make_no_plan(org_a):
    mentorship = stipend_mentorship(org_a, kind="unpaid")
    with scope(organization=org_a.organization):
        assert not StipendPlan.objects.filter(mentorship=mentorship).exists()


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ([{"checkpoint": "final", "percent": 100}], "Give 2 to 4 installments."),
        (
            [{"checkpoint": "midterm", "percent": 50}, {"checkpoint": "final", "percent": 49}],
            "The percents must sum to 100.",
        ),
        (
            [{"checkpoint": "final", "percent": 50}, {"checkpoint": "midterm", "percent": 50}],
            "List the installments in checkpoint order.",
        ),
        (
            [{"checkpoint": "midterm", "percent": 50.5}, {"checkpoint": "final", "percent": 49.5}],
            "Each percent is a whole number from 1 to 100.",
        ),
    ],
)
def test_bad_schedules_are_refused_with_a_sentence(org_a, schedule, message):
    program = paid_program(org_a)
    with scope(organization=org_a.organization), pytest.raises(ValidationError) as error:
        policy_set(program=program, actor=org_a.admin, kind="table", schedule=schedule)
    assert error.value.message_dict["schedule"] == [message]


def test_only_admins_set_policies(org_a):
    program = paid_program(org_a)
    for person in (org_a.coordinator, org_a.mentor):
        with scope(organization=org_a.organization), pytest.raises(PermissionDenied):
            policy_set(program=program, actor=person, kind="unpaid")


def test_table_import_previews_and_lists_errors():
    table, rows, errors = table_import(
        actor=None,
        name="Bad",
        effective_from=date(2027, 1, 1),
        csv_text="country,tier,amount\nXX,1,3000\nIN,0,3000\nBR,1,-5\nDE,5,5400.001\nUS,6,6000\n",
    )
    assert table is None
    assert len(rows) == 1
    assert errors == [
        "Line 2: 'XX' is not an ISO 3166 country code.",
        "Line 3: the tier is a whole number from 1 to 10.",
        "Line 4: Enter an amount greater than zero.",
        "Line 5: Use at most two decimal places (cents).",
    ]
    table, rows, errors = table_import(
        actor=None,
        name="Preview",
        effective_from=date(2027, 1, 1),
        csv_text="country,tier,amount\nUS,6,6000\n",
        commit=False,
    )
    assert table is None and errors == [] and len(rows) == 1
