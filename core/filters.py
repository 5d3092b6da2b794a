"""Filter pieces shared by the apps' FilterSets."""

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend

# A row id: PostgreSQL's integer, so a bigger number is refused rather than compared.
MAX_ID = 2**31 - 1


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number from 0 to MAX_ID (NumberFilter's own field takes decimals,
    so `1.5` would find row 1's rows)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ListFilterBackend(DjangoFilterBackend):
    """Filters the list only: a detail action (retrieve, approve, decline, ...) finds its row
    whatever the query string says, so a stray `?term=` neither hides it (a 404) nor is
    judged (a 400). The API's default filter backend (REST_FRAMEWORK in settings)."""

    def filter_queryset(self, request, queryset, view):
        # A viewset names its action; a plain list view (no action) is filtered.
        if getattr(view, "action", "list") != "list":
            return queryset
        return super().filter_queryset(request, queryset, view)
