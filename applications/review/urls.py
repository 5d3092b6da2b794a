"""Pages of the review slice (mounted by applications/urls.py)."""

from django.urls import path

from applications.review.views import applicant as views_applicant
from applications.review.views import conflicts as views_conflicts
from applications.review.views import dashboard as views

me_urlpatterns: list = []  # mounted at /me/
org_urlpatterns: list = [  # mounted at /o/<org>/
    path("review/terms/<int:term>/", views.dashboard, name="review-dashboard"),
    path("review/terms/<int:term>/applicants.csv", views.dashboard_csv, name="review-csv"),
    path(
        "review/applicants/<uuid:application>/", views_applicant.applicant, name="review-applicant"
    ),
    path(
        "review/applicants/<uuid:application>/review/", views_applicant.review, name="review-save"
    ),
    path(
        "review/applicants/<uuid:application>/conflict/",
        views_applicant.conflict,
        name="review-conflict",
    ),
    path(
        "review/applicants/<uuid:application>/shortlist/",
        views_applicant.shortlist,
        name="review-shortlist",
    ),
    path(
        "review/applicants/<uuid:application>/files/<int:answer>/",
        views_applicant.answer_file,
        name="review-answer-file",
    ),
    path("review/conflicts/", views_conflicts.conflicts, name="review-conflicts"),
]
