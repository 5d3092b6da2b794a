from django import template
from django.utils import timezone
from django.utils.html import format_html

from programs.timezones import format_instant, zone_name

register = template.Library()


@register.filter
def instant(value):
    """<time datetime="…UTC…">2027-05-10 20:00 Europe/Berlin</time>: the viewer's zone, named."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        timezone.localtime(value).isoformat(),
        format_instant(value),
    )


@register.simple_tag
def current_zone():
    return zone_name()
