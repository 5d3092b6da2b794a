"""The demo's money story: two table versions, Borealis funded, the demo mentee's first
installment approved, Rio's paid, the graduate fully paid; loading twice changes nothing."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.people.models import User
from payments.funds.models import Fund
from payments.payouts.models import Payout
from payments.tables.models import StipendTable

pytestmark = pytest.mark.django_db


def _states(email):
    with scopes_disabled():
        return list(
            Payout.objects.filter(mentorship__mentee__email=email)
            .order_by("installment__number")
            .values_list("state", flat=True)
        )


def test_demo_money_story(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert StipendTable.objects.count() == 2
    with scopes_disabled():
        assert Fund.objects.filter(organization__slug="borealis").count() == 1
        graduate = Payout.objects.filter(mentorship__mentee__email="graduate@example.org")
        assert sum(p.amount for p in graduate) == Decimal("3000.00")
    assert _states("mentee@example.org") == ["approved"]
    assert _states("rio.mentee@example.org") == ["paid"]
    assert _states("graduate@example.org") == ["paid", "paid"]
    client.force_login(User.objects.get(email="rio.mentee@example.org"))
    page = client.get("/me/stipend/").content.decode()
    assert "DEMO-WIRE-0001" in page and "Paid" in page


def test_demo_borealis_publishes_its_ledger_totals(client):
    call_command("load_demo", verbosity=0)
    page = client.get("/programs/borealis/cloud-native-contributors/").content.decode()
    assert "Stipend ledger" in page and "20000.00" in page
    assert "Borealis Sponsors Circle" not in page and "DEMO-SPONSOR-2026" not in page
    api = client.get("/api/v1/programs/borealis/cloud-native-contributors/").json()
    assert api["ledger"][0]["received"] == "20000.00"
