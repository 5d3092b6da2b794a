"""API of the applications app: decisions (mounted by config/api_urls.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from applications.decisions import api as views

_org = SimpleRouter()
_org.register("decisions", views.DecisionsViewSet, basename="decisions")

me_urlpatterns: list = []  # /api/v1/me/
org_urlpatterns: list = [  # /api/v1/orgs/<org>/
    path(
        "programs/<slug:program>/decision-texts/",
        views.ProgramDecisionTextsView.as_view(),
        name="program-decision-texts",
    ),
    *_org.urls,
]
