"""The term's mentorship list for admins: one FilterSet for the page (its form), the API
list and the CSV export. Declared outside any scope (django-scopes' caveat with
django-filter: the class is built at import)."""

import django_filters
from django.db.models import Q

from core.filters import IdFilter
from mentorship.mentorships.selectors import Standing


class MentorshipFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search mentees", max_length=100, method="filter_q")
    standing = django_filters.ChoiceFilter(
        label="Standing", choices=Standing.choices, empty_label="Any", field_name="standing"
    )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(mentee__display_name__icontains=value) | Q(mentee__email__icontains=value)
        )


class MentorshipAPIFilterSet(MentorshipFilterSet):
    """The API lists every term's mentorships: it also filters by term."""

    term = IdFilter(label="Term", field_name="term_id")
