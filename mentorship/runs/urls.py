"""Pages of the matching runs (mounted by mentorship/urls.py)."""

from django.urls import path

from mentorship.runs import views

org_urlpatterns = [
    path("matching/", views.organization_matching, name="org-matching"),
    path("matching/runs/<int:run>/", views.organization_run, name="org-matching-run"),
]
staff_urlpatterns = [
    path("matching/", views.staff_matching, name="staff-matching"),
    path("matching/cycles/<int:cycle>/run/", views.staff_run_start, name="staff-run-start"),
    path("matching/runs/<int:run>/", views.staff_run, name="staff-run"),
    path("matching/runs/<int:run>/progress/", views.staff_run_progress, name="staff-run-progress"),
    path("matching/runs/<int:run>/export.json", views.staff_run_export, name="staff-run-export"),
    path("matching/runs/<int:run>/publish/", views.staff_run_publish, name="staff-run-publish"),
]
