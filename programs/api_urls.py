from django.urls import path
from rest_framework.routers import SimpleRouter

from programs.catalog import api as public_views
from programs.cycles import api as cycles_api
from programs.follows import api as follows_api
from programs.prerequisites import api as prerequisites_api
from programs.programs import api as programs_api
from programs.programs import api as staff_views
from programs.term_reminders import api as reminders_api
from programs.terms import api as org_views
from programs.terms import api as timeline_views

org_router = SimpleRouter()
org_router.register("programs", programs_api.ProgramsViewSet, basename="programs")
org_router.register("terms", org_views.TermsViewSet, basename="terms")
org_router.register("milestones", timeline_views.MilestonesViewSet, basename="milestones")
org_router.register("term-mentors", timeline_views.TermMentorsViewSet, basename="term-mentors")
org_router.register(
    "prerequisites", prerequisites_api.PrerequisitesViewSet, basename="prerequisites"
)

staff_router = SimpleRouter()
staff_router.register("cycles", cycles_api.StaffCyclesViewSet, basename="staff-cycles")
staff_router.register("programs", staff_views.StaffProgramsViewSet, basename="staff-programs")

org_urlpatterns = [
    *org_router.urls,
    path(
        "terms/<int:term>/reminders/",
        reminders_api.TermRemindersView.as_view(),
        name="term-reminders",
    ),
]
staff_urlpatterns = staff_router.urls
public_urlpatterns = [
    path("", public_views.CatalogView.as_view(), name="catalog"),
    path("cycles/", cycles_api.CyclesView.as_view(), name="cycles"),
    path("cycles/<int:cycle>/", cycles_api.CycleView.as_view(), name="cycle"),
    path(
        "<slug:org>/<slug:program>/",
        public_views.CatalogProgramView.as_view(),
        name="catalog-program",
    ),
]
me_urlpatterns = [
    path("following/", follows_api.MyFollowsView.as_view(), name="my-follows"),
]
