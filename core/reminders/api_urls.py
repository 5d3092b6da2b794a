from django.urls import path

from core.reminders import api

me_urlpatterns = [
    path("reminders/", api.MyReminderPreferencesView.as_view(), name="my-reminders"),
]
