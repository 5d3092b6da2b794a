from django.urls import path

from mentorship.calendars import api, views

me_urlpatterns = [
    path("calendar/", views.my_calendar, name="me-calendar"),
    path("calendar/new-address/", views.my_calendar_rotate, name="me-calendar-rotate"),
    path("calendar/events/<str:event>.ics", views.my_calendar_event, name="me-calendar-event"),
]
public_urlpatterns = [
    path("calendars/<str:secret>.ics", views.calendar_feed, name="calendar-feed"),
]
api_me_urlpatterns = [
    path("calendar/", api.MyCalendarView.as_view(), name="my-calendar"),
    path(
        "calendar/new-address/",
        api.MyCalendarNewAddressView.as_view(),
        name="my-calendar-new-address",
    ),
]
