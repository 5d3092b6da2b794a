from django import forms

from mentorship.evaluations.models import Verdict

RATING_CHOICES = [
    ("", "Choose"),
    (1, "1 · none"),
    (2, "2 · little"),
    (3, "3 · as expected"),
    (4, "4 · good"),
    (5, "5 · excellent"),
]


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label="Verdict", choices=Verdict.choices, widget=forms.RadioSelect)
    progress = forms.TypedChoiceField(
        label="Progress on the project", choices=RATING_CHOICES, coerce=int
    )
    communication = forms.TypedChoiceField(
        label="Communication with the mentors", choices=RATING_CHOICES, coerce=int
    )
    comment = forms.CharField(
        label="Comment for the record",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label="Reason (required to fail)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A fail ends the mentorship; the mentee reads this reason.",
    )
    weeks = forms.IntegerField(
        label="Extend by (whole weeks)",
        required=False,
        min_value=1,
        max_value=5,
        help_text="Only for an extension: at most 5 weeks in total per mentorship.",
    )


class CorrectionForm(forms.Form):
    verdict = forms.ChoiceField(
        label="Corrected verdict",
        choices=[(Verdict.PASS, "Pass"), (Verdict.FAIL, "Fail")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(forms.Form):
    mentorship_rating = forms.TypedChoiceField(
        label="How is the mentorship going?", choices=RATING_CHOICES, coerce=int
    )
    program_rating = forms.TypedChoiceField(
        label="How is the program organized?", choices=RATING_CHOICES, coerce=int
    )
    comments = forms.CharField(
        label="Anything else",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your mentors do not see this feedback; the organization's admins do.",
    )
