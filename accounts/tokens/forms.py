from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=60, help_text="So you can tell tokens apart later.")
