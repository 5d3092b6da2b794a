"""API of the applications app: mentee (mounted by config/api_urls.py)."""

from django.urls import path

from applications.apply import api as views

me_urlpatterns: list = [  # /api/v1/me/
    path("applications/", views.MyApplicationsView.as_view(), name="my-applications"),
    path(
        "applications/ranking/",
        views.MyApplicationRankingView.as_view(),
        name="my-application-ranking",
    ),
    path(
        "applications/<uuid:application>/",
        views.MyApplicationView.as_view(),
        name="my-application",
    ),
    path(
        "applications/<uuid:application>/answers/<int:prerequisite>/",
        views.MyApplicationAnswerView.as_view(),
        name="my-application-answer",
    ),
    path(
        "applications/<uuid:application>/answers/<int:prerequisite>/file/",
        views.MyApplicationAnswerFileView.as_view(),
        name="my-application-answer-file",
    ),
    path(
        "applications/<uuid:application>/submit/",
        views.MyApplicationSubmitView.as_view(),
        name="my-application-submit",
    ),
    path(
        "applications/<uuid:application>/withdraw/",
        views.MyApplicationWithdrawView.as_view(),
        name="my-application-withdraw",
    ),
]
org_urlpatterns: list = []  # /api/v1/orgs/<org>/
