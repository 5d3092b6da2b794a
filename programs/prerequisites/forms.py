from django import forms

from programs.prerequisites.models import AnswerType, PrerequisiteKind
from programs.terms.forms import LocalDateTimeField, zone_help


class PrerequisiteForm(forms.Form):
    kind = forms.ChoiceField(choices=PrerequisiteKind.choices)
    title = forms.CharField(
        required=False,
        max_length=200,
        help_text="Custom prerequisites only; at most 20 characters.",
    )
    description = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="At most 500 characters.",
    )
    answer_type = forms.ChoiceField(
        choices=[("", "—"), *AnswerType.choices],
        required=False,
        help_text="Custom prerequisites only: how applicants answer.",
    )
    due_at = LocalDateTimeField(required=False, label="Due")

    def __init__(self, *args, standing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if standing:
            del self.fields["due_at"]
        else:
            self.fields["due_at"].help_text = zone_help(
                "Leave empty: due when applications close (required to submit)."
            )
