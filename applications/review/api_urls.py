"""API of the applications app: review (mounted by config/api_urls.py)."""

from django.urls import path

from applications.review import api as views

me_urlpatterns: list = []  # /api/v1/me/
org_urlpatterns: list = [  # /api/v1/orgs/<org>/
    path(
        "review/terms/<int:term>/applicants/",
        views.ReviewApplicantsView.as_view(),
        name="review-applicants",
    ),
    path(
        "review/terms/<int:term>/applicants.csv",
        views.ReviewApplicantsCsvView.as_view(),
        name="review-applicants-csv",
    ),
    path(
        "review/terms/<int:term>/progress/",
        views.ReviewProgressView.as_view(),
        name="review-progress",
    ),
    path(
        "review/applicants/<uuid:application>/",
        views.ReviewApplicantView.as_view(),
        name="review-applicant",
    ),
    path(
        "review/applicants/<uuid:application>/reviews/",
        views.ReviewsView.as_view(),
        name="review-reviews",
    ),
    path(
        "review/applicants/<uuid:application>/reviews/<int:review>/",
        views.ReviewView.as_view(),
        name="review-review",
    ),
    path(
        "review/applicants/<uuid:application>/conflict/",
        views.ReviewConflictView.as_view(),
        name="review-conflict",
    ),
    path(
        "review/applicants/<uuid:application>/shortlist/",
        views.ReviewShortlistView.as_view(),
        name="review-shortlist",
    ),
    path("review/conflicts/", views.ReviewConflictsView.as_view(), name="review-conflicts"),
]
