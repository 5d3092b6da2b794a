from django import forms

from programs.cycles.models import Cycle
from programs.terms.models import TermKind
from programs.timezones import zone_name

URL_KWARGS = {"required": False, "assume_scheme": "https"}


def zone_help(extra: str = "") -> str:
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
            first.help_text = zone_help()

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
