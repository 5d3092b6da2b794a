from django.urls import path

from core.reminders import views

app_name = "reminders"
urlpatterns = [
    path("me/reminders/", views.my_reminders, name="mine"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
