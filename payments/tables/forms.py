from django import forms


class TableImportForm(forms.Form):
    name = forms.CharField(max_length=100)
    effective_from = forms.DateField(
        label="Takes effect on", widget=forms.DateInput(attrs={"type": "date"})
    )
    currency = forms.CharField(max_length=3, initial="USD", help_text="ISO 4217, e.g. USD")
    floor_amount = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text="The amount of a country without its own row (optional).",
    )
    csv = forms.CharField(
        label="Rows (CSV)",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="First line: country,tier,amount; then one country per line, e.g. US,6,6000.00",
    )
