"""Public statistics: computed by the periodic job into a snapshot; counts under 5 hidden
(and rates built on them); the page, its CSV and the API read the snapshot only."""

import pytest
from django.urls import reverse

from mentorship.stats.selectors import hide_small, stats_rows
from mentorship.stats.services import stats_refresh
from mentorship.stats.tasks import refresh_stats
from tests.conftest import api_client_for, client_for
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


def test_small_numbers_are_hidden_and_rates_built_on_them_too():
    row = {
        "cycle": "C",
        "year": 2026,
        "organization": "O",
        "programs": 1,
        "terms": 5,
        "applicants": 40,
        "applications": 50,
        "accepted": 4,
        "mentees": 4,
        "graduated": 0,
    }
    hidden = hide_small(row)
    assert hidden["programs"] is None and hidden["terms"] == 5 and hidden["applications"] == 50
    assert hidden["accepted"] is None and hidden["acceptance_rate"] is None
    assert hidden["graduation_rate"] is None
    shown = hide_small(dict(row, accepted=10))
    assert shown["acceptance_rate"] == 20.0


def test_the_job_counts_per_cycle_and_organization(org_a):
    cycle = announced_cycle(name="Stats cycle")
    program = ProgramFactory(organization=org_a.organization)
    term = term_in(program, cycle, capacity=50, primary_mentor=org_a.mentor)
    for _ in range(6):
        ApplicationFactory(term=term)
    rows = stats_rows()
    row = next(r for r in rows if r["cycle"] == "Stats cycle")
    assert row["applications"] == 6 and row["applicants"] == 6
    assert row["programs"] is None and row["terms"] is None  # one each: hidden
    assert refresh_stats()  # the periodic task writes a snapshot
    page = client_for(None).get(reverse("mentorship:stats"))
    assert b"Stats cycle" in page.content and b"<svg" in page.content
    assert b"&lt;5" in page.content
    body = b"".join(client_for(None).get(reverse("mentorship:stats-csv")).streaming_content)
    assert b"Stats cycle" in body
    api = api_client_for(None).get(reverse("api:stats")).json()
    assert any(r["cycle"] == "Stats cycle" and r["programs"] is None for r in api["rows"])


def test_the_page_reads_one_row_whatever_the_size(org_a):
    """A new snapshot's first view (nothing cached) costs the same for one cycle of five
    applicants as for four cycles of forty."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def first_view_queries():
        stats_refresh()
        with CaptureQueriesContext(connection) as queries:
            response = client_for(None).get(reverse("mentorship:stats"))
        assert response.status_code == 200 and b"<svg" in response.content
        return len(queries)

    def cycle_of(name, applicants):
        term = term_in(ProgramFactory(organization=org_a.organization), announced_cycle(name=name))
        for _ in range(applicants):
            ApplicationFactory(term=term)

    cycle_of("Small", 5)
    small = first_view_queries()
    for n in range(3):
        cycle_of(f"Large {n}", 40)
    assert first_view_queries() == small <= 3


def test_the_page_decodes_a_snapshot_once_and_a_new_snapshot_shows_at_once(
    org_a, django_assert_num_queries
):
    """The charts, table and cycle names are cached per snapshot: the next request reads
    only the snapshot's id (one query, no rows); the job's next snapshot has a new key."""
    stats_refresh()
    client_for(None).get(reverse("mentorship:stats"))
    with django_assert_num_queries(1):
        page = client_for(None).get(reverse("mentorship:stats"))
    assert b"New cycle" not in page.content
    cycle = announced_cycle(name="New cycle")
    term = term_in(ProgramFactory(organization=org_a.organization), cycle, capacity=9)
    for _ in range(5):
        ApplicationFactory(term=term)
    stats_refresh()
    page = client_for(None).get(reverse("mentorship:stats"), {"cycle": "New cycle"})
    assert b"New cycle, by organization" in page.content


def test_before_the_first_run_the_page_says_so():
    page = client_for(None).get(reverse("mentorship:stats"))
    assert b"not computed yet" in page.content


def test_money_under_five_people_is_hidden_per_currency():
    from decimal import Decimal

    from mentorship.stats.selectors import hide_small_money

    cells = hide_small_money({"USD": (Decimal("1500"), 4), "EUR": (Decimal("9000.5"), 5)})
    assert cells == [
        {"currency": "EUR", "amount": "9000.50"},
        {"currency": "USD", "amount": None},
    ]


def _paid(tenant, staff, mentorships):
    from datetime import date

    from django_scopes import scope

    from payments.payouts.services import payout_approve, payout_pay
    from tests.factories.payments import pass_checkpoint

    total = 0
    for mentorship in mentorships:
        payout = pass_checkpoint(tenant, mentorship)
        with scope(organization=tenant.organization):
            payout_approve(payout=payout, actor=tenant.admin)
            payout_pay(payout=payout, actor=staff, reference="SEPA-1", paid_on=date(2026, 1, 5))
        total += payout.amount
    return total


def test_stipends_paid_per_cycle_and_organization_hidden_under_five_people(org_a, staff_user):
    """payments contributes the metric (registered in its apps.py): the sum of paid payouts,
    per currency; four people's sum is hidden, five people's is shown in the table, the
    chart, the CSV and the API. Payable (unpaid) payouts do not count."""
    from tests.factories.payments import paid_program, pass_checkpoint, stipend_mentorship

    program = paid_program(org_a)
    first = stipend_mentorship(org_a, program=program)
    term = first.term
    people = [first] + [stipend_mentorship(org_a, program=program, term=term) for _ in range(4)]
    total = _paid(org_a, staff_user, people[:4])
    pass_checkpoint(org_a, people[4])  # payable, not paid: not counted
    cycle = term.cycle.name
    row = next(r for r in stats_rows() if r["cycle"] == cycle)
    [cell] = row["stipends_paid"]
    assert cell["amount"] is None  # four people

    from django_scopes import scope

    from payments.payouts.models import Payout
    from payments.payouts.services import payout_approve, payout_pay

    with scope(organization=org_a.organization):  # the fifth person is paid
        payout = Payout.objects.get(mentorship=people[4], state="payable")
        payout_approve(payout=payout, actor=org_a.admin)
        payout_pay(
            payout=payout, actor=staff_user, reference="SEPA-2", paid_on=payout.created_at.date()
        )
    total += payout.amount
    row = next(r for r in stats_rows() if r["cycle"] == cycle)
    [cell] = row["stipends_paid"]
    assert cell == {"currency": payout.currency, "amount": f"{total:.2f}"}

    stats_refresh()
    page = client_for(None).get(reverse("mentorship:stats"), {"cycle": cycle}).content.decode()
    assert f"{total:.2f} {payout.currency}" in page
    assert f"Stipends paid per cycle ({payout.currency})" in page
    body = b"".join(client_for(None).get(reverse("mentorship:stats-csv")).streaming_content)
    assert f"Stipends paid ({payout.currency})".encode() in body
    assert f"{total:.2f}".encode() in body
    api = api_client_for(None).get(reverse("api:stats")).json()
    api_row = next(r for r in api["rows"] if r["cycle"] == cycle)
    assert api_row["stipends_paid"] == [{"currency": payout.currency, "amount": f"{total:.2f}"}]
