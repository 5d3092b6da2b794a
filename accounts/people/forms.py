"""Forms of the profile pages. They only check shapes; the services enforce the rules."""

from django import forms

from accounts.people.models import (
    DEMOGRAPHIC_CATEGORIES,
    MenteeProfile,
    MentorProfile,
    SkillLevel,
    User,
)
from core.uploads.services import MAX_UPLOAD_BYTES


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "timezone"]
        help_texts = {
            "display_name": "The name other people see. You can change it at any time.",
            "timezone": "Deadlines and dates are shown in this time zone.",
        }


def _names(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class MenteeProfileForm(forms.ModelForm):
    display_name = forms.CharField(
        max_length=100,
        required=False,
        help_text="The name other people see. You can change it at any time.",
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=User._meta.get_field("timezone").choices,
        help_text="Deadlines and dates are shown in this time zone.",
    )
    adult_attested = forms.BooleanField(
        required=False,
        label="I am 18 or older",
        help_text="Programs need this. Reviewers see only that you confirmed it.",
    )
    github_url = forms.URLField(required=False, assume_scheme="https", label="GitHub profile")
    linkedin_url = forms.URLField(required=False, assume_scheme="https", label="LinkedIn profile")
    skills_to_grow = forms.CharField(
        required=False,
        label="Skills you want to grow",
        help_text="Separate them with commas, e.g. Rust, Kubernetes, technical writing.",
    )

    class Meta:
        model = MenteeProfile
        fields = [
            "legal_name",
            "pronouns",
            "country",
            "date_of_birth",
            "bio",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "bio": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "legal_name": "As on official documents, for stipend payments. Only programs "
            "you apply to see it.",
            "pronouns": "Optional, e.g. she/her, he/him, they/them.",
            "country": "Where you live. Some programs cannot accept residents of some countries.",
            "date_of_birth": "Private: never shown to reviewers or programs.",
            "bio": "A few sentences about you and what you want to work on.",
        }

    field_order = [
        "display_name",
        "legal_name",
        "pronouns",
        "country",
        "timezone",
        "date_of_birth",
        "adult_attested",
        "github_url",
        "linkedin_url",
        "bio",
        "skills_to_grow",
    ]

    def __init__(self, *args, user: User, **kwargs):
        instance = kwargs.get("instance")
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("display_name", user.display_name)
        initial.setdefault("timezone", user.timezone)
        if instance is not None:
            initial.setdefault("adult_attested", instance.adult_attested)
            initial.setdefault("github_url", instance.github_url)
            initial.setdefault("linkedin_url", instance.linkedin_url)
            initial.setdefault("skills_to_grow", ", ".join(instance.skills_to_grow))
        super().__init__(*args, **kwargs)

    def clean_skills_to_grow(self):
        return _names(self.cleaned_data["skills_to_grow"])


class SkillForm(forms.Form):
    name = forms.CharField(max_length=50, required=False, label="Skill")
    level = forms.ChoiceField(
        choices=[("", "— level —"), *SkillLevel.choices], required=False, label="Level"
    )

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("level"):
            self.add_error("level", "Choose how well you know this skill.")
        return data


SkillFormSet = forms.formset_factory(SkillForm, extra=3, max_num=30, absolute_max=30)


class ResumeForm(forms.Form):
    resume = forms.FileField(
        label="Resume (PDF)",
        help_text=f"A PDF of at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. It replaces "
        "the one you uploaded before.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class MentorProfileForm(forms.ModelForm):
    skills = forms.CharField(
        required=False,
        help_text="Separate them with commas, e.g. C, Linux kernel, code review.",
    )
    github_url = forms.URLField(required=False, assume_scheme="https", label="GitHub profile")
    linkedin_url = forms.URLField(required=False, assume_scheme="https", label="LinkedIn profile")
    website_url = forms.URLField(required=False, assume_scheme="https", label="Website")

    class Meta:
        model = MentorProfile
        fields = ["bio", "skills", "github_url", "linkedin_url", "website_url"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"bio": "Shown to mentees on the pages of programs you mentor in."}

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None:
            kwargs.setdefault("initial", {})["skills"] = ", ".join(instance.skills)
        super().__init__(*args, **kwargs)

    def clean_skills(self):
        return _names(self.cleaned_data["skills"])


class DemographicsForm(forms.Form):
    """One optional question and one consent box per category."""

    def __init__(self, *args, answers: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for category, (question, choices) in DEMOGRAPHIC_CATEGORIES.items():
            self.fields[category] = forms.ChoiceField(
                label=question,
                choices=[("", "— not answered —"), *choices],
                required=False,
                initial=answers.get(category, ""),
            )
            self.fields[f"{category}_consent"] = forms.BooleanField(
                label="I consent to this answer being stored and counted in anonymous statistics",
                required=False,
                initial=category in answers,
            )

    def answers(self) -> dict[str, dict]:
        return {
            category: {
                "value": self.cleaned_data.get(category, ""),
                "consent": self.cleaned_data.get(f"{category}_consent", False),
            }
            for category in DEMOGRAPHIC_CATEGORIES
        }
