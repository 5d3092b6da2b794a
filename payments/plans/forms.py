from django import forms

from payments.plans.models import PolicyKind
from programs.programs.models import Program


class PolicyForm(forms.Form):
    program = forms.ModelChoiceField(queryset=Program.objects.none())
    kind = forms.ChoiceField(label="Stipend", choices=PolicyKind.choices)
    flat_amount = forms.DecimalField(
        max_digits=12, decimal_places=2, required=False, help_text="For a flat amount only."
    )
    currency = forms.CharField(max_length=3, initial="USD", help_text="ISO 4217, e.g. USD")
    part_time_percent = forms.IntegerField(
        label="Part-time terms pay (%)", min_value=1, max_value=100, initial=100
    )
    schedule = forms.CharField(
        label="Installments",
        initial="midterm:50, final:50",
        help_text="2 to 4 checkpoint:percent pairs in order, summing to 100; checkpoints: "
        "evaluation_1, midterm, evaluation_3, final.",
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs

    def clean_schedule(self):
        items = []
        for part in self.cleaned_data["schedule"].split(","):
            checkpoint, _, percent = part.strip().partition(":")
            items.append({"checkpoint": checkpoint.strip(), "percent": percent.strip()})
        return items
