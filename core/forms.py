from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form: field messages next to their field,
    the rest at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)
