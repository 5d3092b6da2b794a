"""Pages of payments: /me/stipend/, /o/<org>/payouts/ and /staff/payouts/."""

from django.urls import include, path

from payments.funds import views as funds
from payments.payouts import views as payouts
from payments.plans import views as plans
from payments.tables import views as tables

app_name = "payments"

me_urlpatterns = [path("stipend/", payouts.my_stipend, name="me-stipend")]
org_urlpatterns = [
    path("stipend-policies/", plans.organization_policies, name="org-policies"),
    path(
        "stipend-policies/plans/<uuid:plan>/resolve/",
        plans.organization_plan_resolve,
        name="org-plan-resolve",
    ),
    path("funds/", funds.organization_funds, name="org-funds"),
    path("funds/ledger.csv", funds.organization_ledger_export, name="org-ledger-export"),
    path(
        "funds/<slug:program>/publish/",
        funds.organization_ledger_publish,
        name="org-ledger-publish",
    ),
    path("payouts/", payouts.organization_payouts, name="org-payouts"),
    path("payouts/approve/", payouts.organization_payouts_approve, name="org-payouts-approve"),
    path(
        "payouts/<uuid:payout>/approve/",
        payouts.organization_payout_move,
        {"move": "approve"},
        name="org-payout-approve",
    ),
    path(
        "payouts/<uuid:payout>/decline/",
        payouts.organization_payout_move,
        {"move": "decline"},
        name="org-payout-decline",
    ),
]
staff_urlpatterns = [
    path("stipend-tables/", tables.staff_tables, name="staff-tables"),
    path("payouts/", payouts.staff_payouts, name="staff-payouts"),
    path("payouts.csv", payouts.staff_payouts_export, name="staff-payouts-export"),
    *[
        path(
            f"payouts/<uuid:payout>/{move}/",
            payouts.staff_payout_move,
            {"move": move},
            name=f"staff-payout-{move}",
        )
        for move in ("pay", "fail", "retry")
    ],
]
urlpatterns = [
    path("me/", include(me_urlpatterns)),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("staff/", include(staff_urlpatterns)),
]
