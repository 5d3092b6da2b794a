from django import forms

from programs.catalog.selectors import CatalogFilters
from programs.terms.models import TermKind


class CatalogForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    skill = forms.ChoiceField(required=False)
    organization = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(
        required=False, choices=[("", "Full-time or part-time"), *TermKind.choices], label="Kind"
    )

    def __init__(self, *args, facets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "Any skill")] + [
            (s.slug, s.name) for s in facets["skills"]
        ]
        self.fields["organization"].choices = [("", "Any organization")] + [
            (o.slug, o.name) for o in facets["organizations"]
        ]

    def filters(self):
        if not self.is_valid():
            return CatalogFilters(q=(self.data.get("q") or "")[:200])
        return CatalogFilters(**{k: v or "" for k, v in self.cleaned_data.items()})
