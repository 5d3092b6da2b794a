from html import escape as _escape

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData


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


# --- rendering --------------------------------------------------------------------------

_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input checkbox color date datetime email file hidden number password search tel "
        "text time url"
    ).split()
)
_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"
_TEXTAREA = "django/forms/widgets/textarea.html"
_LABEL = "django/forms/label.html"


def _e(value) -> str:
    """As the templates' {{ value }} (autoescape) and {{ value|stringformat:'s' }}."""
    if isinstance(value, SafeData):
        return str(value)
    return _escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_e(value)}"' if value is not None else ""
    return (
        f'<input type="{_e(widget["type"])}" name="{_e(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict) -> str | None:
    out = [f'<select name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_e(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION:
                return None
            out.append(
                f'\n  <option value="{_e(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_e(option['label'])}</option>\n"  # the option template's last line end
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


class WidgetsRenderer(DjangoTemplates):
    """Django's form renderer that writes the common widgets (inputs, selects, text areas)
    and labels in Python: the same markup as Django's own templates for them (a test
    compares both), without rendering a template per field and per option (a select of six
    options was seven template renders; a review form took about 5 ms). Any other template
    (radio buttons, files, whole forms, a project's own widget templates) renders as
    usual."""

    def render(self, template_name, context, request=None):
        written = None
        if template_name in _INPUTS and "widget" in context:
            written = _input(context["widget"])
        elif template_name == _SELECT and "widget" in context:
            written = _select(context["widget"])
        elif template_name == _TEXTAREA and "widget" in context:
            widget = context["widget"]
            text = _e(widget["value"]) if widget["value"] else ""
            written = (
                f'<textarea name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                f"{text}</textarea>"
            )
        elif template_name == _LABEL and "use_tag" in context:
            label = _e(context["label"])
            if context["use_tag"]:
                tag = _e(context["tag"])
                written = f"<{tag}{_attrs(context.get('attrs') or {})}>{label}</{tag}>"
            else:
                written = label
        if written is None:
            return super().render(template_name, context, request=request)
        return written
