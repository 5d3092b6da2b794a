from django import forms

from accounts.organizations.models import Organization, OrganizationPolicy, Role


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


class OrganizationPolicyForm(forms.ModelForm):
    """The organization's policy: the model's labels and help texts say what each switch
    lets mentors do."""

    class Meta:
        model = OrganizationPolicy
        fields = ["mentors_may_shortlist", "mentors_may_decide"]
        labels = {
            "mentors_may_shortlist": "Mentors may shortlist",
            "mentors_may_decide": "Mentors may decline",
        }
