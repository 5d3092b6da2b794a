"""Pages of the applications app: decisions (see applications/urls.py)."""

from django.urls import path

from applications.views import decisions as views

me_urlpatterns: list = [  # mounted at /me/
    path("mentorships/", views.my_mentorships, name="me-mentorships"),
    path("mentorships/<uuid:mentorship>/", views.my_mentorship, name="me-mentorship"),
    path("offers/<uuid:application>/", views.my_offer, name="me-offer"),
    path("offers/<uuid:application>/decline/", views.my_offer_decline, name="me-offer-decline"),
]
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
    path("decision-settings/", views.decision_settings_page, name="decision-settings"),
    path(
        "programs/<slug:program>/decision-texts/",
        views.program_decision_texts,
        name="program-decision-texts",
    ),
    path("mentorships/", views.organization_mentorships, name="org-mentorships"),
    path("mentorships/<uuid:mentorship>/", views.organization_mentorship, name="org-mentorship"),
]
