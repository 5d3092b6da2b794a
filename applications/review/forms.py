"""Forms of the review area: a review, a conflict, the organization's selection settings.
(The dashboard's filters are a FilterSet: applications/review/filters.py.)"""

from django import forms

from applications.review.models import RUBRIC, ConflictKind

SCORES = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]


class ReviewForm(forms.Form):
    skills = forms.TypedChoiceField(label=RUBRIC["skills"], choices=SCORES, required=False)
    motivation = forms.TypedChoiceField(label=RUBRIC["motivation"], choices=SCORES, required=False)
    communication = forms.TypedChoiceField(
        label=RUBRIC["communication"], choices=SCORES, required=False
    )
    availability = forms.TypedChoiceField(
        label=RUBRIC["availability"], choices=SCORES, required=False
    )
    not_acceptable = forms.BooleanField(
        label="Not acceptable",
        required=False,
        help_text="Instead of scores: this applicant should not be selected.",
    )
    notes = forms.CharField(
        label="Private notes",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you and the organization's admins read them.",
    )

    @classmethod
    def initial_for(cls, review) -> dict:
        if review is None:
            return {}
        return {
            **{name: getattr(review, name) or "" for name in RUBRIC},
            "not_acceptable": review.not_acceptable,
            "notes": review.notes,
        }


class ConflictForm(forms.Form):
    kind = forms.ChoiceField(label="Relationship", choices=ConflictKind.choices)
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)
