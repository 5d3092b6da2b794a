from django import forms
from django_countries import countries

from programs.models import AnswerType, Cycle, PrerequisiteKind, TermKind
from programs.timezones import zone_name

URL_KWARGS = {"required": False, "assume_scheme": "https"}


def _zone_help(extra: str = "") -> str:
    return f"In your time zone, {zone_name()} (change it in My account). {extra}".strip()


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is local time in the viewer's zone
    (Django reads naive input in the active time zone and stores UTC)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    widget = LocalDateTimeInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        )
        super().__init__(*args, **kwargs)


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


class TermCreateForm(forms.Form):
    cycle = forms.ModelChoiceField(
        queryset=Cycle.objects.none(),
        help_text="The platform-wide cycle; the term takes applications inside its window.",
    )
    kind = forms.ChoiceField(choices=TermKind.choices, widget=forms.RadioSelect, label="Kind")
    start_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Milestones are generated from it at 18:00 UTC: applications open 35 days "
        "before, close 20 days before; you can move any of them afterwards.",
    )
    capacity = forms.IntegerField(help_text="How many mentees the term can take (slots).")
    primary_mentor = forms.ModelChoiceField(queryset=None, required=False)
    co_mentors = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Co-mentors",
    )

    def __init__(self, *args, cycles, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["primary_mentor"].queryset = mentors
        self.fields["co_mentors"].queryset = mentors
        self.fields["primary_mentor"].help_text = (
            "Chosen from the organization's mentors."
            if mentors.exists()
            else "Your organization has no mentors yet: add them on the Members page."
        )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(help_text="Mentee slots.")


class TimelineForm(forms.Form):
    """One field per milestone, in local time."""

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored = {m.kind: m.at for m in term.timeline()}
        for milestone in term.timeline():
            self.fields[milestone.kind] = LocalDateTimeField(
                label=milestone.get_kind_display(), initial=milestone.at
            )
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.help_text = _zone_help()

    def changes(self) -> dict:
        """The milestones whose value differs from the stored one at the form's precision
        (minutes), so saving an untouched form moves nothing."""
        return {
            kind: value
            for kind, value in self.cleaned_data.items()
            if value != self.stored[kind].replace(second=0, microsecond=0)
        }


class MentorAddForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label="Mentor")
    is_primary = forms.BooleanField(required=False, label="Make primary mentor")

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = mentors


class PrerequisiteForm(forms.Form):
    kind = forms.ChoiceField(choices=PrerequisiteKind.choices)
    title = forms.CharField(
        required=False,
        max_length=200,
        help_text="Custom prerequisites only; at most 20 characters.",
    )
    description = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="At most 500 characters.",
    )
    answer_type = forms.ChoiceField(
        choices=[("", "—"), *AnswerType.choices],
        required=False,
        help_text="Custom prerequisites only: how applicants answer.",
    )
    due_at = LocalDateTimeField(required=False, label="Due")

    def __init__(self, *args, standing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if standing:
            del self.fields["due_at"]
        else:
            self.fields["due_at"].help_text = _zone_help(
                "Leave empty: due when applications close (required to submit)."
            )


class CycleForm(forms.ModelForm):
    applications_open_at = LocalDateTimeField(label="Applications open")
    applications_close_at = LocalDateTimeField(label="Applications close")
    results_announced_at = LocalDateTimeField(label="Results announced")
    confirmation_deadline = LocalDateTimeField(
        required=False,
        label="Confirmation deadline",
        help_text="Leave empty for 5 days after the results are announced.",
    )
    restricted_countries = forms.MultipleChoiceField(
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Residents of these countries cannot apply.",
    )

    class Meta:
        model = Cycle
        fields = [
            "name",
            "applications_open_at",
            "applications_close_at",
            "results_announced_at",
            "confirmation_deadline",
            "max_active_applications",
            "graduates_may_apply",
            "restricted_countries",
        ]
        help_texts = {
            "max_active_applications": "Submitted or accepted; a withdrawn one does not count.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications_open_at"].help_text = _zone_help(
            "Every term's applications window lies inside this one."
        )
        if self.instance.pk:
            self.initial["restricted_countries"] = [
                c.code for c in self.instance.restricted_countries
            ]

    def _post_clean(self):
        # The service validates and saves; the model form only collects the values.
        pass


class RejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Sent to the organization's admins: say what to change.",
    )


class CatalogForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    skill = forms.ChoiceField(required=False)
    organization = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(
        required=False, choices=[("", "Full-time or part-time"), *TermKind.choices], label="Kind"
    )

    def __init__(self, *args, facets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "Any skill")] + [
            (s.slug, s.name) for s in facets["skills"]
        ]
        self.fields["organization"].choices = [("", "Any organization")] + [
            (o.slug, o.name) for o in facets["organizations"]
        ]

    def filters(self):
        from programs.selectors import CatalogFilters

        if not self.is_valid():
            return CatalogFilters(q=(self.data.get("q") or "")[:200])
        return CatalogFilters(**{k: v or "" for k, v in self.cleaned_data.items()})
