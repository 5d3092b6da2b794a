"""Kept so that templates which `{% load programs_tags %}` still work: the date filter and
the zone tag are the site-wide ones from core/templatetags/dates.py (a builtin)."""

from django import template

from core.templatetags.dates import current_zone, instant

register = template.Library()
register.filter("instant", instant)
register.simple_tag(current_zone, name="current_zone")
