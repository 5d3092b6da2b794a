from django import forms

from applications.apply.models import ApplicationState
from mentorship.announcements.models import AnnouncementAudience
from mentorship.announcements.services.compose import BODY_MAX, SUBJECT_MAX


class AnnouncementForm(forms.Form):
    audience = forms.ChoiceField(
        choices=AnnouncementAudience.choices,
        widget=forms.RadioSelect,
        initial=AnnouncementAudience.APPLICANTS,
        label="To",
    )
    application_states = forms.MultipleChoiceField(
        choices=ApplicationState.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Applicants whose application is",
        help_text="Only for applicants.",
        initial=[ApplicationState.SUBMITTED],
    )
    subject = forms.CharField(max_length=SUBJECT_MAX)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), max_length=BODY_MAX, label="Message"
    )
