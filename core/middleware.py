import logging
import zoneinfo

import redis
from django.db import OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


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


SERVICE_UNAVAILABLE_MESSAGE = (
    "A service this page needs is not answering right now. Try again in a minute."
)


UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OperationalError)


class ServiceUnavailableMiddleware:
    """Answers 503 "try again in a minute" when a service the request needs does not answer in
    time: Redis (the cache, where sign-in rate limits live; its client has short socket
    timeouts, settings CACHES) or PostgreSQL (connect and statement timeouts, settings
    DATABASES). Pages get a page that says so, the API a JSON body; never a 500 or a wait
    without end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.warning("Service unavailable for %s: %r", request.path, exception)
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": SERVICE_UNAVAILABLE_MESSAGE}, status=503)
        else:
            try:
                response = render(
                    request, "503.html", {"message": SERVICE_UNAVAILABLE_MESSAGE}, status=503
                )
            except Exception:  # the page's own rendering needs the failing service
                response = HttpResponse(SERVICE_UNAVAILABLE_MESSAGE, status=503)
        response["Retry-After"] = "60"
        return response
