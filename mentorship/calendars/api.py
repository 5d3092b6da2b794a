"""/api/v1/me/calendar/: your private calendar address and what it holds; POST
/api/v1/me/calendar/new-address/ replaces the address (the old one answers 404)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mentorship.calendars import selectors
from mentorship.calendars.serializers import MyCalendarSerializer
from mentorship.calendars.services import calendar_feed_ensure, calendar_feed_rotate


def _calendar(user, feed) -> dict:
    return {
        **selectors.calendar_feed_addresses(feed=feed),
        "created_at": feed.created_at,
        "events": [
            {
                "uid": event.uid,
                "summary": event.summary,
                "at": event.at,
                "description": event.description,
                "url": event.url,
                "download": reverse("mentorship:me-calendar-event", kwargs={"event": event.uid}),
            }
            for event in selectors.person_calendar_events(user=user)
        ],
    }


class MyCalendarView(APIView):
    """Your calendar: its private address (made the first time you ask) and your deadlines
    in it, soonest first."""

    @extend_schema(tags=["me"], operation_id="me_calendar_retrieve", responses=MyCalendarSerializer)
    def get(self, request):
        feed = calendar_feed_ensure(user=request.user)
        return Response(MyCalendarSerializer(_calendar(request.user, feed)).data)


class MyCalendarNewAddressView(APIView):
    """A new private address for your calendar; the old one stops working at once."""

    @extend_schema(
        tags=["me"],
        operation_id="me_calendar_new_address",
        request=None,
        responses=MyCalendarSerializer,
    )
    def post(self, request):
        feed = calendar_feed_rotate(user=request.user)
        return Response(MyCalendarSerializer(_calendar(request.user, feed)).data)
