"""Pages of the decisions slice (mounted by applications/urls.py)."""

from django.urls import path

from applications.decisions import views

me_urlpatterns: list = []  # mounted at /me/
org_urlpatterns: list = [  # mounted at /o/<org>/
    path("applications/<uuid:application>/decision/", views.decision_page, name="decision"),
    path(
        "applications/<uuid:application>/decision/accept/",
        views.decision_accept,
        name="decision-accept",
    ),
    path(
        "applications/<uuid:application>/decision/decline/",
        views.decision_decline,
        name="decision-decline",
    ),
    path("terms/<int:term>/decisions/", views.term_decisions, name="term-decisions"),
    path(
        "terms/<int:term>/decisions/decline-unshortlisted/",
        views.term_decline_unshortlisted_view,
        name="term-decline-unshortlisted",
    ),
    path("decision-texts/", views.decision_texts_page, name="decision-texts"),
    path(
        "programs/<slug:program>/decision-texts/",
        views.program_decision_texts,
        name="program-decision-texts",
    ),
]
