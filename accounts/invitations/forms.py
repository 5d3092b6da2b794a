from django import forms

from accounts.organizations.models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The person signs in or signs up with this address to accept.",
    )
    # Most invitations are for mentors; making someone an admin is a deliberate choice.
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MENTOR)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional: who you are and what you would like to mentor (at most 1000 "
        "characters). The organization's admins read it.",
    )


class JoinRequestDeclineForm(forms.Form):
    reason = forms.CharField(required=False, max_length=1000, label="Reason (optional)")


class OrganizationRequestForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="The community or foundation's name.")
    website = forms.URLField(required=False, assume_scheme="https")
    reason = forms.CharField(
        label="Why",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who you are, what the organization does and how it will run mentorships.",
    )


class OrganizationRequestApproveForm(forms.Form):
    slug = forms.CharField(
        label="Address", max_length=50, help_text="Used in addresses: /o/<address>/."
    )
    name = forms.CharField(max_length=100)


class OrganizationRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The requester reads this in the email.",
    )
