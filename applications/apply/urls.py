"""Pages of the apply slice (mounted by applications/urls.py)."""

from django.urls import path

from applications.apply import views

me_urlpatterns: list = [  # mounted at /me/
    path("applications/", views.my_applications, name="my-applications"),
    path("applications/apply/<int:term>/", views.apply, name="my-application-start"),
    path("applications/<uuid:application>/", views.my_application, name="my-application"),
    path(
        "applications/<uuid:application>/cover-letter/",
        views.cover_letter_save,
        name="my-application-cover-letter",
    ),
    path(
        "applications/<uuid:application>/answers/<int:prerequisite>/",
        views.answer_save,
        name="my-application-answer",
    ),
    path(
        "applications/<uuid:application>/answers/<int:prerequisite>/file/",
        views.answer_file,
        name="my-application-answer-file",
    ),
    path("applications/<uuid:application>/submit/", views.submit, name="my-application-submit"),
    path(
        "applications/<uuid:application>/withdraw/",
        views.withdraw,
        name="my-application-withdraw",
    ),
    path("applications/<uuid:application>/rank/", views.rank_move, name="my-application-rank"),
]
org_urlpatterns: list = []  # mounted at /o/<org>/
