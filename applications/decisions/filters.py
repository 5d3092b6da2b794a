"""The decisions list's filter (GET /api/v1/orgs/<org>/decisions/?term=): the API's
FilterSet. Which applications the viewer may see at all is the selector's business
(`organization_decisions(user=...)`: a mentor sees only the terms they mentor); this only
narrows that list. The term decisions page names its term in the URL, so it needs no filter.

Invalid values: the API answers 400 with the field's message."""

import django_filters

from applications.apply.models import Application
from core.filters import IdFilter


class DecisionFilterSet(django_filters.FilterSet):
    term = IdFilter(
        label="Term",
        method="filter_term",
        help_text="Only this term's applicants.",
        error_messages={"invalid": "Give a term id."},
    )

    class Meta:
        model = Application
        fields = ["term"]

    def filter_term(self, queryset, name, value: int):
        # The annotation documents the parameter as an integer.
        return queryset.filter(term_id=value)
