from django.urls import path
from rest_framework.routers import SimpleRouter

from . import org_views, public_views, staff_views, timeline_views

org_router = SimpleRouter()
org_router.register("programs", org_views.ProgramsViewSet, basename="programs")
org_router.register("terms", org_views.TermsViewSet, basename="terms")
org_router.register("milestones", timeline_views.MilestonesViewSet, basename="milestones")
org_router.register("term-mentors", timeline_views.TermMentorsViewSet, basename="term-mentors")
org_router.register("prerequisites", timeline_views.PrerequisitesViewSet, basename="prerequisites")

staff_router = SimpleRouter()
staff_router.register("cycles", staff_views.StaffCyclesViewSet, basename="staff-cycles")
staff_router.register("programs", staff_views.StaffProgramsViewSet, basename="staff-programs")

org_urlpatterns = org_router.urls
staff_urlpatterns = staff_router.urls
public_urlpatterns = [
    path("", public_views.CatalogView.as_view(), name="catalog"),
    path("cycles/", public_views.CyclesView.as_view(), name="cycles"),
    path("cycles/<int:cycle>/", public_views.CycleView.as_view(), name="cycle"),
    path(
        "<slug:org>/<slug:program>/",
        public_views.CatalogProgramView.as_view(),
        name="catalog-program",
    ),
]
