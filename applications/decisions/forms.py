from django import forms


class BulkDeclineForm(forms.Form):
    expected_count = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ProgramDecisionTextsForm(forms.Form):
    decline_feedback = forms.CharField(
        label="Feedback to declined applicants",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Sent with every decline at the cycle's results announcement. {program} "
        "stands for the program's name.",
    )
    agreement_text = forms.CharField(
        label="Agreement accepted mentees sign",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The mentee types their legal name under it to confirm their offer.",
    )


class OfferConfirmForm(forms.Form):
    legal_name = forms.CharField(
        label="Your full legal name",
        max_length=200,
        help_text="Typing your name signs the agreement above.",
    )
    agreed = forms.BooleanField(label="I agree to the agreement above", required=True)


class OfferDeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MentorshipEndForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the history and shown to the mentee.",
    )
