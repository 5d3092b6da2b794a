from django import forms
from django_countries import countries

from programs.cycles.models import Cycle
from programs.terms.forms import LocalDateTimeField, zone_help


class CycleForm(forms.ModelForm):
    applications_open_at = LocalDateTimeField(label="Applications open")
    applications_close_at = LocalDateTimeField(label="Applications close")
    results_announced_at = LocalDateTimeField(label="Results announced")
    confirmation_deadline = LocalDateTimeField(
        required=False,
        label="Confirmation deadline",
        help_text="Leave empty for 5 days after the results are announced.",
    )
    restricted_countries = forms.MultipleChoiceField(
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Residents of these countries cannot apply.",
    )

    class Meta:
        model = Cycle
        fields = [
            "name",
            "applications_open_at",
            "applications_close_at",
            "results_announced_at",
            "confirmation_deadline",
            "max_active_applications",
            "graduates_may_apply",
            "restricted_countries",
            "selection_mode",
        ]
        help_texts = {
            "max_active_applications": "Submitted or accepted; a withdrawn one does not count.",
            "selection_mode": "Matched: between the close of applications and the publication "
            "of a matching run, admins rank and decline; the platform places mentees.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications_open_at"].help_text = zone_help(
            "Every term's applications window lies inside this one."
        )
        # Optional in a POST: a form (or client) that leaves it out keeps the cycle's mode.
        self.fields["selection_mode"].required = False
        if self.instance.pk:
            self.initial["restricted_countries"] = [
                c.code for c in self.instance.restricted_countries
            ]

    def clean_selection_mode(self):
        return self.cleaned_data.get("selection_mode") or self.instance.selection_mode or "direct"

    def _post_clean(self):
        # The service validates and saves; the model form only collects the values.
        pass
