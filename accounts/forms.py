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


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["slug", "name", "description", "website"]
        help_texts = {"slug": "Used in addresses: /o/<slug>/. Lowercase letters, digits, hyphens."}


class OrganizationEditForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name", "description", "website"]
