"""Forms of the review area: the dashboard's filters (GET), a review, a conflict, the
organization's selection settings."""

from django import forms
from django_countries import countries

from applications.apply.models import ApplicationState
from applications.review.models import RUBRIC, ConflictKind
from applications.review.selectors.access import DEFAULT_SORT, ApplicantFilters, sort_choices

YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]
SCORES = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ApplicantFilterForm(forms.Form):
    q = forms.CharField(label="Search names and answers", max_length=100, required=False)
    state = forms.ChoiceField(
        choices=[("", "Any")]
        + [c for c in ApplicationState.choices if c[0] != ApplicationState.DRAFT],
        required=False,
    )
    shortlisted = forms.ChoiceField(choices=YES_NO, required=False)
    complete = forms.ChoiceField(label="Prerequisites complete", choices=YES_NO, required=False)
    skill = forms.CharField(max_length=50, required=False)
    country = forms.ChoiceField(choices=[("", "Any")] + list(countries), required=False)

    def __init__(self, *args, countries_present=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries_present is not None:
            # Only the countries of the term's applicants: a short list to choose from.
            names = dict(countries)
            self.fields["country"].choices = [("", "Any")] + sorted(
                ((code, names.get(code, code)) for code in countries_present if code),
                key=lambda choice: choice[1],
            )

    score_min = forms.DecimalField(
        label="Score from", min_value=1, max_value=5, decimal_places=2, required=False
    )
    score_max = forms.DecimalField(
        label="Score to", min_value=1, max_value=5, decimal_places=2, required=False
    )
    unreviewed = forms.BooleanField(label="Not yet reviewed by me", required=False)
    sort = forms.ChoiceField(
        label="Sort by", choices=sort_choices(), required=False, initial=DEFAULT_SORT
    )

    def filters(self) -> ApplicantFilters:
        """The filters that are valid; an invalid one is ignored (and shown as an error)."""
        self.is_valid()
        data = dict(getattr(self, "cleaned_data", {}))
        for name in ("shortlisted", "complete"):
            if name in data:
                data[name] = _yes_no(data[name])
        data["sort"] = data.get("sort") or DEFAULT_SORT
        return ApplicantFilters.from_cleaned(data)


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
