"""The site's one date filter, a builtin of the template engine (no {% load %} needed).

`{{ term.applications_close_at|instant }}` gives
`<time datetime="…">10 May 2027, 20:00 Europe/Berlin</time> (in 3 days)`;
`{{ deadline|instant:"plain" }}` (the text of emails) gives `10 May 2027, 20:00 Europe/Berlin`;
`{{ submitted_at|instant:"date" }}` (a narrow column, a letter's dates) gives
`<time datetime="…">10 May 2027</time>`, the day in the viewer's zone.
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from core.dates import format_date, format_instant, relative_to_now, zone_name

register = template.Library()


@register.filter
def instant(value, style=""):
    if value is None or value == "":
        return ""
    if style == "plain":
        return format_instant(value)
    # The zone's local time once (a dashboard writes 25 of these per page).
    local = timezone.localtime(value) if isinstance(value, datetime) else value
    machine = local.isoformat()
    if style == "date":
        day = local.date() if isinstance(local, datetime) else local
        return format_html('<time datetime="{}">{}</time>', machine, format_date(day))
    text = format_instant(value)
    relative = relative_to_now(value)
    if relative:
        return format_html(
            '<time datetime="{}">{}</time> <span class="soon">({})</span>', machine, text, relative
        )
    return format_html('<time datetime="{}">{}</time>', machine, text)


@register.simple_tag
def current_zone():
    return zone_name()
