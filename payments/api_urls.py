"""API of payments: /api/v1/me/stipend/, /api/v1/orgs/<org>/{payouts,stipend-policies,funds}/
and /api/v1/staff/{payouts,stipend-tables}/ (mounted by config/api_urls.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from payments.funds import api as funds_api
from payments.payouts import api as payouts_api
from payments.plans import api as plans_api
from payments.tables import api as tables_api

_org = SimpleRouter()
_org.register("payouts", payouts_api.OrganizationPayoutsViewSet, basename="payouts")
_org.register("funds", funds_api.OrganizationFundsViewSet, basename="funds")
_org.register(
    "stipend-policies", plans_api.OrganizationStipendPoliciesViewSet, basename="stipend-policies"
)

_staff = SimpleRouter()
_staff.register("payouts", payouts_api.StaffPayoutsViewSet, basename="staff-payouts")
_staff.register("stipend-tables", tables_api.StaffStipendTablesViewSet, basename="stipend-tables")

me_urlpatterns = [path("stipend/", payouts_api.MyStipendView.as_view(), name="my-stipend")]
org_urlpatterns = _org.urls
staff_urlpatterns = _staff.urls
