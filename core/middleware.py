import zoneinfo

from django.http import HttpResponseBadRequest
from django.utils import timezone


class TimezoneMiddleware:
    """Shows instants in the signed-in person's own time zone (UTC otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = getattr(getattr(request, "user", None), "timezone", "") or "UTC"
        try:
            timezone.activate(zoneinfo.ZoneInfo(tzname))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo("UTC"))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class NulBytesAsBadRequestMiddleware:
    """Answers 400 when a request's text with a NUL byte reaches PostgreSQL.

    PostgreSQL cannot store or compare text containing NUL; psycopg2 refuses such a value
    with a ValueError, which would be a 500. Form and serializer fields already refuse NUL;
    this covers raw query parameters. It acts only once the view has run, so signing in
    and permissions are answered first, as for any other request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ValueError) and "NUL (0x00)" in str(exception):
            return HttpResponseBadRequest("Request parameters must not contain NUL characters.")
        return None
