"""Pages of the applications app: review (see applications/urls.py)."""

from django.urls import path

from applications.views import review as views

me_urlpatterns: list = []  # mounted at /me/
org_urlpatterns: list = [  # mounted at /o/<org>/
    path("review/terms/<int:term>/", views.dashboard, name="review-dashboard"),
    path("review/terms/<int:term>/applicants.csv", views.dashboard_csv, name="review-csv"),
    path("review/applicants/<uuid:application>/", views.applicant, name="review-applicant"),
    path("review/applicants/<uuid:application>/review/", views.review, name="review-save"),
    path(
        "review/applicants/<uuid:application>/conflict/",
        views.conflict,
        name="review-conflict",
    ),
    path(
        "review/applicants/<uuid:application>/shortlist/",
        views.shortlist,
        name="review-shortlist",
    ),
    path(
        "review/applicants/<uuid:application>/files/<int:answer>/",
        views.answer_file,
        name="review-answer-file",
    ),
    path("review/settings/", views.selection_settings, name="review-settings"),
    path("review/conflicts/", views.conflicts, name="review-conflicts"),
]
