"""API of matching runs (mounted by mentorship/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from mentorship.runs import api

_staff = SimpleRouter()
_staff.register("matching-runs", api.StaffMatchRunsViewSet, basename="staff-matching-runs")
_org = SimpleRouter()
_org.register("matching-runs", api.OrganizationMatchRunsViewSet, basename="matching-runs")

staff_urlpatterns = _staff.urls
org_urlpatterns = _org.urls
