from django import forms

from programs.terms.forms import URL_KWARGS


class ProgramForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="Unique in your organization.")
    description = forms.CharField(
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What mentees will work on and the expected outcomes (at most 3,000 characters).",
    )
    skills = forms.CharField(
        required=False,
        max_length=800,
        help_text="Comma-separated, e.g. “Rust, Linux kernel, eBPF”. "
        "Mentees filter the catalog by these.",
    )
    repository_url = forms.URLField(label="Repository URL", **URL_KWARGS)
    website_url = forms.URLField(label="Website URL", **URL_KWARGS)
    code_of_conduct_url = forms.URLField(label="Code of conduct URL", **URL_KWARGS)
    logo = forms.FileField(
        required=False,
        help_text="PNG or JPEG, at most 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def clean_skills(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["skills"].split(",") if part.strip()]

    @classmethod
    def initial_for(cls, program) -> dict:
        return {
            "name": program.name,
            "description": program.description,
            "skills": ", ".join(skill.name for skill in program.skills.all()),
            "repository_url": program.repository_url,
            "website_url": program.website_url,
            "code_of_conduct_url": program.code_of_conduct_url,
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Sent to the organization's admins: say what to change.",
    )
