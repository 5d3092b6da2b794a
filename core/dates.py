"""The one way instants and dates are written for people: "10 May 2027, 20:00 Europe/Berlin".

Instants are stored in UTC and shown in the viewer's time zone (their profile setting,
activated per request by core.middleware.TimezoneMiddleware; emails use each recipient's),
always with the zone named, so "18:00" is never ambiguous. A deadline less than a week away
also says how near it is ("in 3 days"). Pages use the `instant` template filter
(core/templatetags/dates.py), messages written by services use `format_instant`."""

from datetime import date, datetime, timedelta

from django.utils import timezone

SOON = timedelta(days=7)


def zone_name() -> str:
    return timezone.get_current_timezone_name()


def format_date(value: date) -> str:
    """'10 May 2027'."""
    return f"{value.day} {value:%b %Y}"


def format_instant(value: datetime | date | None) -> str:
    """'10 May 2027, 20:00 Europe/Berlin' in the active zone; a plain date as '10 May 2027'."""
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return format_date(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local)}, {local:%H:%M} {zone_name()}"


def relative_to_now(value: datetime | date | None, *, now: datetime | None = None) -> str:
    """'in 3 days', 'in 5 hours', 'in 20 minutes' for an instant less than a week ahead;
    '' otherwise (past instants and far ones are clear enough from their date)."""
    if not isinstance(value, datetime):
        return ""
    now = now or timezone.now()
    ahead = value - now
    if ahead <= timedelta(0) or ahead >= SOON:
        return ""
    if ahead >= timedelta(days=1):
        days = round(ahead / timedelta(days=1))
        return f"in {days} day{'s' if days != 1 else ''}"
    if ahead >= timedelta(hours=1):
        hours = round(ahead / timedelta(hours=1))
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, round(ahead / timedelta(minutes=1)))
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"
