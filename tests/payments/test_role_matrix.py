"""Who may touch money: every role × every payments page and API action, one test per
cell. Only the organization's admins see and approve its payouts; only platform staff pay;
coordinators and mentors never touch money."""

import pytest

from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import module_storage_fixtures
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db
_module_storage, _private_storage = module_storage_fixtures()

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
ADMIN_PAGE = {**OUT, "anonymous": 302, "*": 403, "admin": 200}
ADMIN_API = {**OUT, "anonymous": 401, "*": 403, "admin": 200}
STAFF_PAGE = {"*": 404, "anonymous": 302, "staff": 200}
STAFF_API = {"*": 404, "anonymous": 401, "staff": 200}
PAY = {"reference": "WIRE-1", "paid_on": "2026-11-30"}

TABLE = [
    row("get", "payments:org-payouts", ADMIN_PAGE),
    row(
        "post",
        "payments:org-payouts-approve",
        {**ADMIN_PAGE, "admin": 302},
        data=lambda w: {"payouts": [str(w.params_a["payout"])], "count": 1},
    ),
    row("post", "payments:org-payout-approve", {**ADMIN_PAGE, "admin": 302}, payout=...),
    row(
        "post",
        "payments:org-payout-decline",
        {**ADMIN_PAGE, "admin": 302},
        data={"reason": "Duplicate"},
        payout=...,
    ),
    row("get", "api:payouts-list", ADMIN_API),
    row("get", "api:payouts-detail", ADMIN_API, payout=...),
    row("post", "api:payouts-approve", ADMIN_API, payout=...),
    row("post", "api:payouts-decline", ADMIN_API, data={"reason": "Duplicate"}, payout=...),
    row(
        "post",
        "api:payouts-bulk-approve",
        ADMIN_API,
        data=lambda w: {"payouts": [str(w.params_a["payout"])], "count": 1},
    ),
    row("get", "payments:org-policies", ADMIN_PAGE),
    # The world's plan is not pending: the admin is told so (a message, then back).
    row("post", "payments:org-plan-resolve", {**ADMIN_PAGE, "admin": 302}, plan=...),
    row("get", "api:stipend-policies-pending", ADMIN_API),
    row(
        "post",
        "api:stipend-policies-resolve",
        {**ADMIN_API, "admin": 400},
        data={"amount": "10.00"},
        plan=...,
    ),
    row(
        "post",
        "payments:org-ledger-publish",
        {**ADMIN_PAGE, "admin": 302},
        data={"published": "1"},
        program=...,
    ),
    row(
        "post",
        "api:funds-publish",
        ADMIN_API,
        data=lambda w: {"program": w.params_a["program"], "published": True},
    ),
    row("get", "payments:org-funds", ADMIN_PAGE),
    row("get", "payments:org-ledger-export", ADMIN_PAGE),
    row("get", "api:funds-list", ADMIN_API),
    row("get", "api:funds-ledger", ADMIN_API),
    row("get", "api:stipend-policies-list", ADMIN_API),
    row(
        "post",
        "api:stipend-policies-list",
        {**ADMIN_API, "admin": 400},  # no such program: the reason comes back
        data={"program": "missing", "kind": "unpaid"},
    ),
    row("get", "api:stipend-tables-list", STAFF_API, org=False),
    row("get", "payments:staff-tables", STAFF_PAGE, org=False),
    row("get", "payments:staff-payouts", STAFF_PAGE, org=False),
    row("get", "payments:staff-payouts-export", STAFF_PAGE, org=False),
    row("get", "api:staff-payouts-list", STAFF_API, org=False),
    row("get", "api:staff-payouts-detail", STAFF_API, org=False, payout=...),
    # A payable payout is not approved yet: staff are refused with the reason (400).
    row(
        "post",
        "api:staff-payouts-pay",
        {**STAFF_API, "staff": 400},
        org=False,
        data=PAY,
        payout=...,
    ),
    row("get", "payments:me-stipend", {"*": 200, "anonymous": 302}, org=False),
    row("get", "api:my-stipend", {"*": 200, "anonymous": 401}, org=False),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_role_matrix(shared_world, role_clients, cell, role):
    check_cell(shared_world, role_clients, cell, role)
