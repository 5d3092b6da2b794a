"""Forms of the mentee's pages. They only shape input; the rules live in
applications.apply.services, whose errors are shown on these forms."""

from django import forms

from core.uploads.services import MAX_UPLOAD_BYTES
from programs.prerequisites.models import AnswerType


class CoverLetterForm(forms.Form):
    cover_letter = forms.CharField(
        label="Cover letter",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Why this program, what you hope to learn and what you bring (up to 5,000 "
        "characters). Saved as you go.",
    )


class PrerequisiteAnswerForm(forms.Form):
    """One prerequisite's answer; its field depends on the prerequisite's answer type."""

    def __init__(self, *args, prerequisite, answer=None, **kwargs):
        self.prerequisite = prerequisite
        prefix = f"p{prerequisite.pk}"
        initial = {}
        if answer is not None:
            initial = {"text": answer.text, "url": answer.url}
        super().__init__(*args, prefix=prefix, initial=initial, **kwargs)
        label = prerequisite.title
        help_text = prerequisite.description
        if prerequisite.answer_type == AnswerType.TEXT:
            self.fields["text"] = forms.CharField(
                label=label,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=help_text,
            )
        elif prerequisite.answer_type == AnswerType.URL:
            # A plain text field: the service checks the address and says what is wrong.
            self.fields["url"] = forms.CharField(
                label=label,
                required=False,
                max_length=500,
                widget=forms.URLInput(attrs={"placeholder": "https://"}),
                help_text=help_text,
            )
        else:
            self.fields["file"] = forms.FileField(
                label=label,
                required=True,
                widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
                help_text=(
                    f"{help_text} A PDF of at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
                ).strip(),
                error_messages={"required": "Choose a PDF file to upload."},
            )

    @property
    def is_file(self) -> bool:
        return "file" in self.fields


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you and the program's admins see it.",
    )


class RankMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])
