from django import forms

from accounts.models import Organization, Role, User


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "timezone"]
        help_texts = {
            "display_name": "The name other people see. You can change it at any time.",
            "timezone": "Deadlines and dates are shown in this time zone.",
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=60, help_text="So you can tell tokens apart later.")


class MemberAddForm(forms.Form):
    email = forms.EmailField(help_text="The email address of an existing account.")
    role = forms.ChoiceField(choices=Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


LOGO_HELP = "PNG or JPEG, at most 2 MB. Shown on the organization's and its programs' pages."


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")
    logo = forms.FileField(required=False, help_text=LOGO_HELP)

    class Meta:
        model = Organization
        fields = ["slug", "name", "description", "website"]
        help_texts = {"slug": "Used in addresses: /o/<slug>/. Lowercase letters, digits, hyphens."}


class OrganizationEditForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")
    logo = forms.FileField(required=False, help_text=LOGO_HELP)

    class Meta:
        model = Organization
        fields = ["name", "description", "website"]


# Invitations, join requests and organization requests. ---------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The person signs in or signs up with this address to accept.",
    )
    role = forms.ChoiceField(choices=Role.choices)


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
