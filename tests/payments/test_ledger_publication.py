"""Organizations may publish a program's ledger on its public page and in the public
program API: totals only (received, committed, paid, balance), no names, no sponsors'
references. Off by default; only the organization's admins toggle it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scope

from core.audit.models import AuditEvent
from payments.funds.services import fund_record, ledger_publish
from payments.payouts.services import payout_approve, payout_pay
from tests.conftest import api_client_for, client_for
from tests.factories.payments import pass_checkpoint, stipend_mentorship

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(org_a, staff_user):
    mentorship = stipend_mentorship(org_a, country="US")
    program = mentorship.term.program
    program.status = "approved"
    program.save(update_fields=["status"])
    payout = pass_checkpoint(org_a, mentorship)
    with scope(organization=org_a.organization):
        fund_record(
            program=program,
            actor=org_a.admin,
            sponsor="Secret Sponsor Inc",
            amount="25000.00",
            currency="USD",
            received_on=date(2026, 11, 1),
            reference="GRANT-REF-991",
        )
        payout_approve(payout=payout, actor=org_a.admin)
        payout_pay(
            payout=payout, actor=staff_user, reference="WIRE-SECRET-1", paid_on=date(2026, 11, 2)
        )
    return mentorship


def _public(program):
    org = program.organization.slug
    page = client_for(None).get(f"/programs/{org}/{program.slug}/")
    api = api_client_for(None).get(f"/api/v1/programs/{org}/{program.slug}/")
    assert page.status_code == api.status_code == 200
    return page.content.decode(), api.json()


def test_off_by_default(funded):
    page, api = _public(funded.term.program)
    assert "Stipend ledger" not in page
    assert api["ledger"] is None


def test_published_totals_only_nothing_personal(org_a, funded):
    program = funded.term.program
    with scope(organization=org_a.organization):
        ledger_publish(program=program, actor=org_a.admin, published=True)
    page, api = _public(program)
    assert "Stipend ledger" in page
    assert api["ledger"] == [
        {
            "currency": "USD",
            "received": "25000.00",
            "committed": "6000.00",
            "paid": "3000.00",
            "balance": "22000.00",
        }
    ]
    for secret in (
        "Secret Sponsor Inc",
        "GRANT-REF-991",
        "WIRE-SECRET-1",
        funded.mentee.name,
        funded.mentee.email,
    ):
        assert secret not in page
        assert secret not in str(api)
    assert AuditEvent._base_manager.filter(action="ledger.published").count() == 1
    with scope(organization=org_a.organization):
        ledger_publish(program=program, actor=org_a.admin, published=False)
    assert _public(program)[1]["ledger"] is None


def test_only_the_organizations_admins_publish(org_a, org_b, funded):
    program = funded.term.program
    with scope(organization=org_a.organization):
        for person in (org_a.coordinator, org_a.mentor, org_b.admin):
            with pytest.raises(PermissionDenied):
                ledger_publish(program=program, actor=person, published=True)
    slug = org_a.organization.slug
    url = f"/o/{slug}/funds/{program.slug}/publish/"
    for person in (org_a.coordinator, org_a.mentor):
        assert client_for(person).post(url, {"published": "1"}).status_code == 403
    # Another organization's admin names the program through their own organization: 404.
    other = f"/o/{org_b.organization.slug}/funds/{program.slug}/publish/"
    assert client_for(org_b.admin).post(other, {"published": "1"}).status_code == 404
    api = f"/api/v1/orgs/{slug}/funds/publish/"
    assert (
        api_client_for(org_a.coordinator)
        .post(api, {"program": program.slug, "published": True}, format="json")
        .status_code
        == 403
    )
    assert _public(program)[1]["ledger"] is None
    response = api_client_for(org_a.admin).post(
        api, {"program": program.slug, "published": True}, format="json"
    )
    assert response.json() == {"program": program.slug, "published": True}
    bad = api_client_for(org_a.admin).post(
        api, {"program": "no-such", "published": True}, format="json"
    )
    assert bad.status_code == 400
    page = client_for(org_a.admin).post(url, {"published": "0"}, follow=True).content.decode()
    assert "no longer public" in page
    assert _public(program)[1]["ledger"] is None
    client_for(org_a.admin).post(url, {"published": "1"})
    assert _public(program)[1]["ledger"][0]["paid"] == "3000.00"


def test_a_published_ledger_counts_only_its_own_program(org_a, org_b, funded, staff_user):
    other = stipend_mentorship(org_b, country="US")
    with scope(organization=org_b.organization):
        fund_record(
            program=other.term.program,
            actor=org_b.admin,
            sponsor="B",
            amount="777.00",
            currency="USD",
            received_on=date(2026, 11, 1),
        )
    with scope(organization=org_a.organization):
        ledger_publish(program=funded.term.program, actor=org_a.admin, published=True)
    (row,) = _public(funded.term.program)[1]["ledger"]
    assert row["received"] == "25000.00"
