"""Table policy: a mentee whose country the table has no amount for still confirms; their
plan is pending (no amounts) and listed for the admins, who set an amount or take it from
the fixed table. A mentorship confirmed before its program had a policy gets its plan when
the policy is saved; existing plans never change."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from core.audit.models import AuditEvent
from payments.payouts.models import Payout
from payments.plans.models import StipendPlan
from payments.plans.services import plan_resolve, policy_set
from payments.tables.defaults import TIERS, tiers_csv
from tests.conftest import api_client_for, client_for
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.payments import pass_checkpoint, ppp_table, stipend_mentorship

pytestmark = pytest.mark.django_db


def _plan(tenant, mentorship):
    with scope(organization=tenant.organization):
        return StipendPlan.objects.get(mentorship=mentorship)


def test_no_row_for_the_country_makes_a_pending_plan_not_a_refusal(org_a):
    mentorship = stipend_mentorship(org_a, country="FI")  # not in the table, no floor
    assert mentorship.state == "active"
    plan = _plan(org_a, mentorship)
    assert (plan.pending, plan.total, plan.country) == (True, None, "FI")
    with scope(organization=org_a.organization):
        assert not plan.installments.exists()
    assert AuditEvent._base_manager.filter(action="stipend_plan.pending").count() == 1
    slug = org_a.organization.slug
    page = client_for(org_a.admin).get(f"/o/{slug}/stipend-policies/").content.decode()
    assert "Plans waiting for an amount" in page and mentorship.mentee.name in page
    start = client_for(org_a.admin).get("/").content.decode()
    assert "1 stipend plan waiting for an amount" in start
    assert "waiting for an amount" not in client_for(org_a.coordinator).get("/").content.decode()
    mine = client_for(mentorship.mentee).get("/me/stipend/").content.decode()
    assert "Your stipend's amount is being set" in mine
    (row,) = api_client_for(mentorship.mentee).get("/api/v1/me/stipend/").json()
    assert (row["pending"], row["total"], row["installments"]) == (True, None, [])


def test_an_admin_sets_the_amount_once_and_passed_checkpoints_become_payable(org_a):
    mentorship = stipend_mentorship(org_a, country="FI")
    assert pass_checkpoint(org_a, mentorship) is None  # nothing to pay yet
    plan = _plan(org_a, mentorship)
    with scope(organization=org_a.organization):
        with pytest.raises(PermissionDenied):
            plan_resolve(plan=plan, actor=org_a.coordinator, amount="4000")
        with pytest.raises(ValidationError) as error:
            plan_resolve(plan=plan, actor=org_a.admin, amount="-3")
        assert "greater than zero" in str(error.value)
        with pytest.raises(ValidationError) as error:
            plan_resolve(plan=plan, actor=org_a.admin)  # the table still has no row
        assert "no amount for the mentee" in str(error.value)
        plan.refresh_from_db()
        assert plan.pending and not plan.installments.exists()
        plan_resolve(plan=plan, actor=org_a.admin, amount="4000.01")
        plan.refresh_from_db()
        assert (plan.pending, plan.total, plan.table_id) == (False, Decimal("4000.01"), None)
        amounts = list(plan.installments.order_by("number").values_list("amount", flat=True))
        assert amounts == [Decimal("2000.00"), Decimal("2000.01")]
        (payout,) = Payout.objects.filter(mentorship=mentorship)
        assert (payout.state, payout.amount) == ("payable", Decimal("2000.00"))
        with pytest.raises(ValidationError, match="already has its amount"):
            plan_resolve(plan=plan, actor=org_a.admin, amount="9999")
        plan.refresh_from_db()
        assert plan.total == Decimal("4000.01")


def test_once_staff_fix_the_table_the_admin_takes_the_amount_from_it(org_a):
    mentorship = stipend_mentorship(org_a, country="FI")
    plan = _plan(org_a, mentorship)
    fixed = dict(TIERS)
    fixed[5] = (TIERS[5][0], [*TIERS[5][1], "FI"])
    table = ppp_table(
        effective_from=date(2025, 6, 1), name="With Finland", csv_text=tiers_csv(fixed)
    )
    slug = org_a.organization.slug
    response = client_for(org_a.admin).post(
        f"/o/{slug}/stipend-policies/plans/{plan.public_id}/resolve/", {"amount": ""}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.pending, plan.total, plan.table_id) == (False, Decimal("5400.00"), table.pk)


def test_the_pending_list_and_resolution_in_the_api(org_a, org_b):
    mentorship = stipend_mentorship(org_a, country="FI")
    plan = _plan(org_a, mentorship)
    slug = org_a.organization.slug
    admin = api_client_for(org_a.admin)
    (row,) = admin.get(f"/api/v1/orgs/{slug}/stipend-policies/pending/").json()
    assert row["id"] == str(plan.public_id) and row["total"] is None
    url = f"/api/v1/orgs/{slug}/stipend-policies/pending/{plan.public_id}/resolve/"
    assert api_client_for(org_a.coordinator).post(url, {"amount": "10"}).status_code == 403
    # Another organization's admin cannot reach it through their own organization.
    other = (
        f"/api/v1/orgs/{org_b.organization.slug}/stipend-policies/pending/{plan.public_id}/resolve/"
    )
    assert api_client_for(org_b.admin).post(other, {"amount": "10"}).status_code == 404
    assert admin.post(url, {"amount": "abc"}, format="json").status_code == 400
    response = admin.post(url, {"amount": "3000.00"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "3000.00"
    assert admin.get(f"/api/v1/orgs/{slug}/stipend-policies/pending/").json() == []


def test_saving_a_policy_makes_the_missing_plans_and_never_changes_existing_ones(org_a):
    ppp_table()
    early = confirmed_mentorship(org_a)  # its program has no policy yet: no plan
    program = early.term.program
    with scope(organization=org_a.organization):
        assert not StipendPlan.objects.filter(mentorship=early).exists()
        policy_set(program=program, actor=org_a.admin, kind="flat", flat_amount="2000.00")
    first = _plan(org_a, early)
    assert (first.pending, first.total, first.kind) == (False, Decimal("2000.00"), "flat")
    with scope(organization=org_a.organization):
        policy_set(program=program, actor=org_a.admin, kind="flat", flat_amount="5000.00")
        first.refresh_from_db()
        assert first.total == Decimal("2000.00")  # frozen
        assert StipendPlan.objects.filter(mentorship=early).count() == 1


def test_an_unpaid_policy_makes_no_plans(org_a):
    early = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        policy_set(program=early.term.program, actor=org_a.admin, kind="unpaid")
        assert not StipendPlan.objects.filter(mentorship=early).exists()
