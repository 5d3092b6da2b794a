"""`{% mentorship_stipend mentorship %}`: the stipend section of a mentee's mentorship page.
mentorship's template includes it by name (templates are not imports), so mentorship does
not depend on payments; with no plan the tag renders nothing."""

from django import template

from payments.payouts.selectors import mentorship_plan

register = template.Library()


@register.inclusion_tag("payments/_stipend.html")
def mentorship_stipend(mentorship):
    return {"plan": mentorship_plan(mentorship=mentorship), "show_program": False}
