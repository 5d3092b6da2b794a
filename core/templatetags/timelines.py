"""`{% timeline items title="…" name=term.pk %}`: an accessible SVG timeline with today
marked and its text alternative, the dates as a numbered list (core/timelines.py)."""

from django import template
from django.utils import timezone

from core.timelines import timeline_drawing

register = template.Library()


@register.inclusion_tag("core/_timeline.html")
def timeline(items, title: str, name: str, now=None):
    drawing = timeline_drawing(title=title, items=items, now=now or timezone.now())
    # `name` tells drawings of one page apart (their <title> and <desc> ids).
    return {"drawing": drawing, "name": f"timeline-{name}"}
