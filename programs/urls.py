from django.urls import include, path

from programs.catalog import views as public
from programs.cycles import views as cycles_views
from programs.follows import views as follows_views
from programs.prerequisites import views as prerequisites_views
from programs.programs import views as org
from programs.programs import views as staff
from programs.term_reminders import views as reminders_views
from programs.terms import views as terms_views

app_name = "programs"

org_urlpatterns = [
    path("", org.organization_home, name="org-home"),
    path("programs/new/", org.program_create_view, name="program-create"),
    path("programs/<slug:program>/", org.program_detail, name="program-detail"),
    path("programs/<slug:program>/edit/", org.program_edit, name="program-edit"),
    path("programs/<slug:program>/submit/", org.program_submit_view, name="program-submit"),
    path("programs/<slug:program>/archive/", org.program_archive_view, name="program-archive"),
    path("programs/<slug:program>/terms/new/", terms_views.term_create_view, name="term-create"),
    path("terms/<int:term>/", terms_views.term_detail, name="term-detail"),
    path("terms/<int:term>/capacity/", terms_views.term_capacity, name="term-capacity"),
    path("terms/<int:term>/timeline/", terms_views.term_timeline, name="term-timeline"),
    path("terms/<int:term>/open/", terms_views.term_open, name="term-open"),
    path("terms/<int:term>/close/", terms_views.term_close, name="term-close"),
    path("terms/<int:term>/delete/", terms_views.term_delete_view, name="term-delete"),
    path("terms/<int:term>/mentors/", terms_views.term_mentor_add_view, name="term-mentor-add"),
    path(
        "terms/<int:term>/mentors/<int:mentor>/primary/",
        terms_views.term_mentor_primary,
        name="term-mentor-primary",
    ),
    path(
        "terms/<int:term>/mentors/<int:mentor>/remove/",
        terms_views.term_mentor_remove_view,
        name="term-mentor-remove",
    ),
    path(
        "terms/<int:term>/prerequisites/",
        prerequisites_views.term_prerequisite_add,
        name="term-prerequisite-add",
    ),
    path(
        "prerequisites/", prerequisites_views.standing_prerequisites, name="standing-prerequisites"
    ),
    path(
        "prerequisites/<int:prerequisite>/delete/",
        prerequisites_views.prerequisite_delete_view,
        name="prerequisite-delete",
    ),
    path("terms/<int:term>/reminders/", reminders_views.term_reminders_view, name="term-reminders"),
]

staff_urlpatterns = [
    path("cycles/", cycles_views.staff_cycles, name="staff-cycles"),
    path("cycles/<int:cycle>/edit/", cycles_views.staff_cycle_edit, name="staff-cycle-edit"),
    path("programs/", staff.staff_programs, name="staff-programs"),
    path("programs/<int:program>/", staff.staff_program, name="staff-program"),
    path(
        "programs/<int:program>/approve/", staff.staff_program_approve, name="staff-program-approve"
    ),
    path("programs/<int:program>/reject/", staff.staff_program_reject, name="staff-program-reject"),
]

urlpatterns = [
    path("programs/", public.catalog, name="catalog"),
    path("programs/<slug:org>/", public.organization_page, name="public-organization"),
    path("programs/<slug:org>/<slug:program>/", public.program_page, name="public-program"),
    path("programs/<slug:org>/<slug:program>/logo/", public.program_logo, name="program-logo"),
    path(
        "programs/<slug:org>/<slug:program>/terms/<int:term>/calendar.ics",
        public.term_calendar_feed,
        name="term-calendar",
    ),
    path(
        "programs/<slug:org>/<slug:program>/terms/<int:term>/<slug:kind>.ics",
        public.term_milestone_calendar,
        name="term-milestone-calendar",
    ),
    path("programs/<slug:org>/<slug:program>/follow/", follows_views.follow, name="program-follow"),
    path("me/following/", follows_views.my_following, name="my-follows"),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("staff/", include(staff_urlpatterns)),
]
