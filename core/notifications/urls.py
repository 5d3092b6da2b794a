from django.urls import path

from core.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.my_notifications, name="mine"),
    path("read-all/", views.my_notifications_read_all, name="read-all"),
    path("<uuid:notification>/read/", views.my_notification_read, name="read"),
]
