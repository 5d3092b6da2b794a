"""Funds and the ledger: received, committed (frozen plans), paid and balance match the
sum of their entries; a warning when commitments exceed the funds; CSV; refusals."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from payments.funds.selectors import program_ledgers
from payments.funds.services import fund_record
from payments.payouts.services import payout_approve, payout_pay
from tests.conftest import api_client_for, client_for
from tests.factories.payments import pass_checkpoint, stipend_mentorship

pytestmark = pytest.mark.django_db


def test_ledger_totals_match_their_entries(org_a, staff_user):
    mentorship = stipend_mentorship(org_a, country="US")  # 6,000 committed
    program = mentorship.term.program
    payout = pass_checkpoint(org_a, mentorship)
    with scope(organization=org_a.organization):
        fund_record(
            program=program,
            actor=org_a.admin,
            sponsor="Sponsor",
            amount="5000.00",
            currency="USD",
            received_on=date(2026, 11, 1),
        )
        payout_approve(payout=payout, actor=org_a.admin)
        payout_pay(payout=payout, actor=staff_user, reference="W-1", paid_on=date(2026, 11, 2))
        (ledger,) = program_ledgers(program=program)
    assert (ledger.received, ledger.committed, ledger.paid) == (
        Decimal("5000.00"),
        Decimal("6000.00"),
        Decimal("3000.00"),
    )
    assert ledger.balance == Decimal("2000.00")
    assert ledger.uncovered == Decimal("1000.00")
    slug = org_a.organization.slug
    page = client_for(org_a.admin).get(f"/o/{slug}/funds/").content.decode()
    assert "1000.00 USD not covered by funds" in page
    response = client_for(org_a.admin).get(f"/o/{slug}/funds/ledger.csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[1].endswith(",received,Sponsor,,5000.00,USD")
    assert lines[2].endswith("W-1,-3000.00,USD")
    ledger_api = api_client_for(org_a.admin).get(f"/api/v1/orgs/{slug}/funds/ledger/").json()
    assert ledger_api[0]["ledgers"][0]["balance"] == "2000.00"


def test_funds_refusals(org_a):
    program = stipend_mentorship(org_a).term.program
    with scope(organization=org_a.organization):
        with pytest.raises(ValidationError) as error:
            fund_record(
                program=program,
                actor=org_a.admin,
                sponsor="S",
                amount="1.001",
                currency="usd",
                received_on=date(2026, 1, 1),
            )
        assert error.value.message_dict == {"amount": ["Enter a non-zero amount to the cent."]}
        with pytest.raises(PermissionDenied):
            fund_record(
                program=program,
                actor=org_a.coordinator,
                sponsor="S",
                amount="1",
                currency="USD",
                received_on=date(2026, 1, 1),
            )


def test_api_records_funds_once_per_key(org_a):
    program = stipend_mentorship(org_a).term.program
    client = api_client_for(org_a.admin)
    url = f"/api/v1/orgs/{org_a.organization.slug}/funds/"
    body = {
        "program": program.slug,
        "sponsor": "Sponsor",
        "amount": "100.00",
        "currency": "EUR",
        "received_on": "2026-11-01",
    }
    assert client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="f1").status_code == 201
    assert client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="f1").status_code == 201
    assert client.get(url).json()["count"] == 1
    bad = client.post(url, {**body, "program": "nope"}, format="json")
    assert bad.status_code == 400


def test_the_ledger_page_and_api_cost_the_same_for_one_program_or_five(org_a):
    """Every program's totals come from four grouped queries, not four per program."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import client_with_second_factor

    page = client_with_second_factor(org_a.admin)
    api = api_client_for(org_a.admin)
    slug = org_a.organization.slug

    def costs():
        counts = []
        for client, url in (
            (page, f"/o/{slug}/funds/"),
            (api, f"/api/v1/orgs/{slug}/funds/ledger/"),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    stipend_mentorship(org_a)
    small = costs()
    for _ in range(4):
        stipend_mentorship(org_a)
    assert costs() == small
    rows = api.get(f"/api/v1/orgs/{slug}/funds/ledger/").json()
    assert len(rows) == 5 and all(row["ledgers"][0]["committed"] for row in rows)
