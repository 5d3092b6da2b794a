"""`{{ code|words }}`: a stored code as words for people ("in_progress" → "In progress"),
for pages that show recorded states (history tables). A builtin of the template engine."""

from django import template

register = template.Library()


@register.filter
def words(value) -> str:
    text = str(value or "").replace("_", " ").replace(".", " ").strip()
    return text[:1].upper() + text[1:]
