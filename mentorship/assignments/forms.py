from django import forms


class TaskForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due_date = forms.DateField(
        label="Due on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Due at 18:00 UTC.",
    )
    link = forms.URLField(
        label="Link (optional)", required=False, max_length=500, assume_scheme="https"
    )


class TaskSubmitForm(forms.Form):
    link = forms.URLField(
        label="Link to your work", required=False, max_length=500, assume_scheme="https"
    )
    text = forms.CharField(
        label="Or describe it",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    file = forms.FileField(label="Or attach a PDF", required=False)


class TaskReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should change", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
