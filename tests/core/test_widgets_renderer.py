"""core.forms.WidgetsRenderer writes the common widgets and labels in Python: every field of
these forms, bound or not, with errors or not, must come out exactly as Django's own
templates write it (the renderer it replaces)."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template
from django.test import RequestFactory

from applications.review.forms import ConflictForm, ReviewForm
from core.forms import WidgetsRenderer


class EveryWidget(forms.Form):
    name = forms.CharField(label="Name <b>", max_length=20, help_text="Yours & mine")
    email = forms.EmailField(required=False)
    site = forms.URLField(
        required=False, assume_scheme="https", initial='https://example.org/?a=1&b="2"'
    )
    age = forms.IntegerField(min_value=1, required=False)
    born = forms.DateField(required=False, initial=datetime.date(2000, 1, 2))
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput, initial="x'y")
    agree = forms.BooleanField(label="I agree", required=False, initial=True)
    kind = forms.ChoiceField(
        choices=[("", "—"), ("Fruit", [("apple", "Apple"), ("pear", "Pear <3")]), ("nut", "Nut")]
    )
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    off = forms.CharField(disabled=True, required=False, initial="fixed")
    colour = forms.ChoiceField(choices=[("r", "Red")], widget=forms.RadioSelect)


FORMS = [
    lambda: ReviewForm(),
    lambda: ReviewForm(initial={"skills": 3, "notes": "a<b", "not_acceptable": True}),
    lambda: ReviewForm({"skills": "9", "notes": "x" * 6000}),
    lambda: ConflictForm(),
    lambda: ConflictForm({"kind": "nope", "note": "<i>"}),
    lambda: EveryWidget(),
    lambda: EveryWidget(
        {"name": "", "email": "bad", "age": "0", "kind": "pear", "tags": ["a", "b"], "notes": "n"}
    ),
    lambda: EveryWidget(auto_id=False),
]


@pytest.mark.parametrize("make", FORMS)
def test_the_python_widgets_are_djangos_templates(make):
    request = RequestFactory().get("/")
    page = get_template("form.html")

    def rendered(renderer):
        form = make()
        form.renderer = renderer
        form.is_bound and form.is_valid()
        return page.render({"form": form}, request)

    expected = rendered(DjangoTemplates())
    assert rendered(WidgetsRenderer()) == expected
