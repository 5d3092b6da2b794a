"""API plumbing shared by every app: errors from services become 400s with field messages,
conflicts (core.errors.Conflict, and a delete that the database refuses because other rows
depend on the object) become 409s with the reason, and every error is JSON."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.views.defaults import page_not_found
from django_countries import countries
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import IN_USE_MESSAGE, Conflict

# One name ("CountryEnum") for every country field in the OpenAPI schema.
# A UUID in a DRF lookup_value_regex (routes of objects named by their public id).
UUID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
COUNTRY_CHOICES = [(country.code, country.name) for country in countries]


def exception_handler(exc, context):
    response = _error_response(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        # An error is JSON with the shared error body whatever the success body's format:
        # a CSV export's 401 or 404 is no CSV (the schema says so: core/schema.py).
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = "application/json"
    return response


def _error_response(exc, context):
    if isinstance(exc, Conflict):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response({"detail": IN_USE_MESSAGE}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = ValidationError(
                {
                    (field if field != "__all__" else "non_field_errors"): [
                        message for error in errors for message in error.messages
                    ]
                    for field, errors in exc.error_dict.items()
                }
            )
        else:
            exc = ValidationError({"non_field_errors": exc.messages})
    return drf_exception_handler(exc, context)


def not_found(request, exception=None):
    """settings handler404 (config/urls.py): a path under /api/ that no route matches answers
    JSON like every other API 404, not the site's HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
