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


def test_the_page_reads_one_row_whatever_the_size(django_assert_max_num_queries):
    stats_refresh()
    with django_assert_max_num_queries(3):
        client_for(None).get(reverse("mentorship:stats"))


def test_before_the_first_run_the_page_says_so():
    page = client_for(None).get(reverse("mentorship:stats"))
    assert b"not computed yet" in page.content
