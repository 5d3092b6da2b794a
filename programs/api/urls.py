from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

org_router = SimpleRouter()
org_router.register("programs", views.ProgramsViewSet, basename="programs")
org_router.register("terms", views.TermsViewSet, basename="terms")
org_router.register("milestones", views.MilestonesViewSet, basename="milestones")
org_router.register("term-mentors", views.TermMentorsViewSet, basename="term-mentors")
org_router.register("prerequisites", views.PrerequisitesViewSet, basename="prerequisites")

staff_router = SimpleRouter()
staff_router.register("cycles", views.StaffCyclesViewSet, basename="staff-cycles")
staff_router.register("programs", views.StaffProgramsViewSet, basename="staff-programs")

org_urlpatterns = org_router.urls
staff_urlpatterns = staff_router.urls
public_urlpatterns = [
    path("", views.CatalogView.as_view(), name="catalog"),
    path("cycles/", views.CyclesView.as_view(), name="cycles"),
    path("cycles/<int:cycle>/", views.CycleView.as_view(), name="cycle"),
    path("<slug:org>/<slug:program>/", views.CatalogProgramView.as_view(), name="catalog-program"),
]
