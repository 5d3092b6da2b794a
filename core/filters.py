"""Filter pieces shared by the apps' FilterSets."""

import django_filters
from django import forms

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
