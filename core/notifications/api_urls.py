from rest_framework.routers import SimpleRouter

from core.notifications import api

me_router = SimpleRouter()
me_router.register("notifications", api.MyNotificationsViewSet, basename="my-notifications")
me_urlpatterns = me_router.urls
