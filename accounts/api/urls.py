from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

me_router = SimpleRouter()
me_router.register("tokens", views.MyTokensViewSet, basename="my-tokens")

org_router = SimpleRouter()
org_router.register("members", views.MembersViewSet, basename="members")

staff_router = SimpleRouter()
staff_router.register(
    "organizations", views.StaffOrganizationsViewSet, basename="staff-organizations"
)

me_urlpatterns = [
    path("", views.MeView.as_view(), name="me"),
    path("organizations/", views.MyOrganizationsView.as_view(), name="my-organizations"),
    *me_router.urls,
]
org_urlpatterns = [
    path("", views.OrganizationDetailView.as_view(), name="organization"),
    *org_router.urls,
]
staff_urlpatterns = staff_router.urls
