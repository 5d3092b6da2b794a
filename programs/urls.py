from django.urls import include, path

from programs.views import organization as org
from programs.views import public, staff

app_name = "programs"

org_urlpatterns = [
    path("programs/new/", org.program_create_view, name="program-create"),
    path("programs/<slug:program>/", org.program_detail, name="program-detail"),
    path("programs/<slug:program>/edit/", org.program_edit, name="program-edit"),
    path("programs/<slug:program>/submit/", org.program_submit_view, name="program-submit"),
    path("programs/<slug:program>/archive/", org.program_archive_view, name="program-archive"),
    path("programs/<slug:program>/terms/new/", org.term_create_view, name="term-create"),
    path("terms/<int:term>/", org.term_detail, name="term-detail"),
    path("terms/<int:term>/capacity/", org.term_capacity, name="term-capacity"),
    path("terms/<int:term>/timeline/", org.term_timeline, name="term-timeline"),
    path("terms/<int:term>/open/", org.term_open, name="term-open"),
    path("terms/<int:term>/close/", org.term_close, name="term-close"),
    path("terms/<int:term>/delete/", org.term_delete_view, name="term-delete"),
    path("terms/<int:term>/mentors/", org.term_mentor_add_view, name="term-mentor-add"),
    path(
        "terms/<int:term>/mentors/<int:mentor>/primary/",
        org.term_mentor_primary,
        name="term-mentor-primary",
    ),
    path(
        "terms/<int:term>/mentors/<int:mentor>/remove/",
        org.term_mentor_remove_view,
        name="term-mentor-remove",
    ),
    path(
        "terms/<int:term>/prerequisites/",
        org.term_prerequisite_add,
        name="term-prerequisite-add",
    ),
    path("prerequisites/", org.standing_prerequisites, name="standing-prerequisites"),
    path(
        "prerequisites/<int:prerequisite>/delete/",
        org.prerequisite_delete_view,
        name="prerequisite-delete",
    ),
]

staff_urlpatterns = [
    path("cycles/", staff.staff_cycles, name="staff-cycles"),
    path("cycles/<int:cycle>/edit/", staff.staff_cycle_edit, name="staff-cycle-edit"),
    path("programs/", staff.staff_programs, name="staff-programs"),
    path("programs/<int:program>/", staff.staff_program, name="staff-program"),
    path(
        "programs/<int:program>/approve/", staff.staff_program_approve, name="staff-program-approve"
    ),
    path("programs/<int:program>/reject/", staff.staff_program_reject, name="staff-program-reject"),
]

urlpatterns = [
    path("programs/", public.catalog, name="catalog"),
    path("programs/<slug:org>/<slug:program>/", public.program_page, name="public-program"),
    path("programs/<slug:org>/<slug:program>/logo/", public.program_logo, name="program-logo"),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("staff/", include(staff_urlpatterns)),
]
