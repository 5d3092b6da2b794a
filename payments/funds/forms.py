from django import forms

from programs.programs.models import Program


class FundForm(forms.Form):
    program = forms.ModelChoiceField(queryset=Program.objects.none())
    sponsor = forms.CharField(max_length=200)
    amount = forms.DecimalField(max_digits=14, decimal_places=2, help_text="e.g. 25000.00")
    currency = forms.CharField(max_length=3, initial="USD", help_text="ISO 4217, e.g. USD")
    received_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
