"""The decisions list's filter (GET /api/v1/orgs/<org>/decisions/?term=): the API's
FilterSet. Which applications the viewer may see at all is the selector's business
(`organization_decisions(user=...)`: a mentor sees only the terms they mentor); this only
narrows that list. The term decisions page names its term in the URL, so it needs no filter.

Invalid values: the API answers 400 with the field's message."""

import django_filters
from django import forms

from applications.apply.models import Application

# A term id: PostgreSQL's integer, so a bigger number is refused rather than compared.
MAX_ID = 2**31 - 1


class IdFilter(django_filters.NumberFilter):
    """A whole number (NumberFilter's own field takes decimals)."""

    field_class = forms.IntegerField


class DecisionFilterSet(django_filters.FilterSet):
    term = IdFilter(
        label="Term",
        method="filter_term",
        min_value=0,
        max_value=MAX_ID,
        help_text="Only this term's applicants.",
        error_messages={"invalid": "Give a term id."},
    )

    class Meta:
        model = Application
        fields = ["term"]

    def filter_term(self, queryset, name, value: int):
        # The annotation documents the parameter as an integer.
        return queryset.filter(term_id=value)
