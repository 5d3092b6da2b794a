from django import forms

from mentorship.graduates.models import Employer, GraduateProfile
from mentorship.graduates.services.profiles import PROFILE_FIELDS


class ProfileForm(forms.ModelForm):
    class Meta:
        model = GraduateProfile
        fields = PROFILE_FIELDS
        widgets = {"visibility": forms.RadioSelect, "links": forms.Textarea(attrs={"rows": 3})}


class EmployerRequestForm(forms.ModelForm):
    website = forms.URLField(assume_scheme="https", max_length=200)

    class Meta:
        model = Employer
        fields = ("name", "website", "contact", "reason")


class DeclineForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class InviteForm(forms.Form):
    email = forms.EmailField(label="Colleague's email")


class InterestForm(forms.Form):
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text="Who you are and why you write; at most 1000 characters.",
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What was wrong", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class EndorsementForm(forms.Form):
    text = forms.CharField(
        label="Endorsement", widget=forms.Textarea(attrs={"rows": 4}), max_length=1000
    )


class DirectoryForm(forms.Form):
    """The directory's search and filters (bad values are dropped, not errors)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    skill = forms.CharField(required=False, max_length=100)
    program = forms.CharField(required=False, max_length=200)
    organization = forms.CharField(required=False, max_length=200)
    year = forms.IntegerField(label="Cycle year", required=False, min_value=2000, max_value=2100)
    country = forms.CharField(required=False, max_length=2)
    open_to_work = forms.BooleanField(required=False)
    remote = forms.BooleanField(label="Open to remote work", required=False)
    order = forms.ChoiceField(
        choices=[("relevance", "Relevance"), ("recent", "Most recent")], required=False
    )

    def search_arguments(self) -> dict:
        cleaned = {}
        if self.is_bound:
            self.is_valid()
            cleaned = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {
            "q": cleaned.get("q") or "",
            "skill": cleaned.get("skill") or "",
            "program": cleaned.get("program") or "",
            "organization": cleaned.get("organization") or "",
            "year": cleaned.get("year"),
            "country": cleaned.get("country") or "",
            "open_to_work": bool(cleaned.get("open_to_work")),
            "remote": bool(cleaned.get("remote")),
            "order": cleaned.get("order") or "relevance",
        }
