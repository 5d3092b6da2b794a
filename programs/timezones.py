"""Instants are stored in UTC and shown in the viewer's time zone (their profile setting,
activated per request by core.middleware.TimezoneMiddleware), always with the zone
named, so "18:00" is never ambiguous."""

from datetime import datetime

from django.utils import timezone


def zone_name() -> str:
    return timezone.get_current_timezone_name()


def format_instant(value: datetime | None) -> str:
    """'2027-05-10 20:00 Europe/Berlin' in the active zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%Y-%m-%d %H:%M} {zone_name()}"
