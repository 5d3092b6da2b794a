"""The reviewers' dashboard filters: one FilterSet for the page (its form), the API list and
the CSV export (page and API), so one query string gives the same applicants everywhere.

Invalid values: the page ignores them (and shows the error beside the field); the API
answers 400 with the field's message (DjangoFilterBackend raises on an invalid form)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.utils.choices import BaseChoiceIterator
from django_countries import countries
from django_filters.rest_framework import DjangoFilterBackend

from applications.apply.models import ApplicationState
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.selectors.access import DEFAULT_SORT, ReviewerContext, sort_choices

ANY = "Any"
YES_NO = [("", ANY), ("yes", "Yes"), ("no", "No")]
# The page sends yes/no (select) and on (checkbox); API clients true/false or 1/0.
TRUE_WORDS = frozenset({"yes", "true", "on", "1"})
FALSE_WORDS = frozenset({"no", "false", "off", "0"})
STATE_CHOICES = [c for c in ApplicationState.choices if c[0] != ApplicationState.DRAFT]


def _yes_no(value) -> bool | None:
    """True, False, or None for a blank; raises for anything else."""
    if value is None or isinstance(value, bool):
        return value
    if value == "":
        return None
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError("Choose yes or no.", code="invalid")


class YesNoSelect(forms.Select):
    """Any / Yes / No, showing true and 1 as Yes."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=YES_NO)

    def format_value(self, value):
        if value is True or value is False:
            value = "yes" if value else "no"
        return super().format_value(value)


class YesCheckbox(forms.CheckboxInput):
    """A checkbox that hands the submitted word to the field, which judges it (a plain
    checkbox takes any non-empty value, even "false" or "0", as ticked)."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class YesNoField(forms.Field):
    """yes/true/on/1 or no/false/off/0; blank means no filter."""

    widget = YesNoSelect

    def to_python(self, value):
        return _yes_no(value)

    def prepare_value(self, value):
        # Shown as understood: "true" selects Yes, "1" ticks the box.
        try:
            return _yes_no(value)
        except ValidationError:
            return value


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class _EveryCountry(BaseChoiceIterator):
    """Every country as choices, read when iterated. Each FilterSet and form deep-copies
    its fields on every page view, and copying a list of every country was most of it."""

    def __iter__(self):
        return iter(countries)

    def __len__(self) -> int:
        return len(countries)

    def __deepcopy__(self, memo):
        return self


def _country_filter(choices) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        label="Country",
        choices=choices,
        empty_label=ANY,
        field_name="applicant__mentee_profile__country",
    )


class ApplicantFilterSet(django_filters.FilterSet):
    """The term's applicants as the viewer asks for them. Needs the viewer's context
    (`context=`): completeness counts the term's prerequisites, and "not reviewed by me"
    and the scores hidden by a conflict come from the viewer's annotations."""

    q = django_filters.CharFilter(
        label="Search names and answers", max_length=100, method="filter_q"
    )
    state = django_filters.ChoiceFilter(
        label="State", choices=STATE_CHOICES, empty_label=ANY, field_name="state"
    )
    shortlisted = YesNoFilter(label="Shortlisted", field_name="shortlisted")
    complete = YesNoFilter(label="Prerequisites complete", method="filter_complete")
    skill = django_filters.CharFilter(label="Skill", max_length=50, method="filter_skill")
    country = _country_filter(_EveryCountry())
    score_min = django_filters.NumberFilter(
        label="Score from",
        field_name="average_score",
        lookup_expr="gte",
        min_value=1,
        max_value=5,
        decimal_places=2,
    )
    score_max = django_filters.NumberFilter(
        label="Score to",
        field_name="average_score",
        lookup_expr="lte",
        min_value=1,
        max_value=5,
        decimal_places=2,
    )
    unreviewed = YesNoFilter(
        label="Not yet reviewed by me", widget=YesCheckbox, method="filter_unreviewed"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=sort_choices(),
        empty_label=None,
        initial=DEFAULT_SORT,
        method="filter_sort",
    )

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        context: ReviewerContext,
        countries_present: list[str] | None = None,
        request=None,
        prefix=None,
    ):
        sort = f"{prefix}-sort" if prefix else "sort"
        if data is not None and sort not in data:
            # Without a sort the list is in the default order: the select must say so, or
            # it shows its first option and the next filter change submits that instead.
            data = data.copy()
            data[sort] = DEFAULT_SORT
        if queryset is None:
            queryset = selectors_dashboard.term_applicants(context=context)
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.context = context
        if countries_present is not None:
            self.show_countries(countries_present)

    _form_class = None

    def get_form_class(self):
        """The form class, built once per process: its fields never depend on the
        request (the countries shown are set on each form's own copy, show_countries),
        and building a class of fourteen fields was a good part of a page view's filters."""
        cls = type(self)
        if cls.__dict__.get("_form_class") is None:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def show_countries(self, codes: list[str]) -> None:
        """The page's select offers only these countries (the term's applicants'), plus the
        one asked for: a short list to choose from. Only the widget's displayed choices
        change: the field still takes any country, so `?country=FR` finds nobody here as in
        the page's CSV and the API, rather than being refused on the page alone."""
        shown = {code for code in codes if code}
        asked = self.data.get("country") if self.is_bound else None
        # A country's code as stored (name() is "" for anything else, and ignores case).
        if asked and asked.isupper() and countries.name(asked):
            shown.add(asked)
        # Only the shown countries' names (a dict of every country was most of this).
        self.form.fields["country"].widget.choices = [("", ANY)] + sorted(
            ((code, countries.name(code) or code) for code in shown),
            key=lambda choice: choice[1],
        )

    def inputs(self) -> list[dict]:
        """The form's fields as plain values for the page's hand-written inputs
        (templates/applications/review/_filters.html): the same markup as Django's widget
        templates, without rendering a template per field and option on every page view."""
        form = self.form
        errors = form.errors if form.is_bound else {}
        fields = []
        for name, field in form.fields.items():
            bound = form[name]
            widget = field.widget
            value = bound.value()
            entry = {
                "name": bound.html_name,
                "id": bound.auto_id,
                "label": f"{bound.label}{form.label_suffix}",
                "errors": list(errors.get(name, [])),
                "attrs": [(k, v) for k, v in widget.attrs.items() if v not in (None, False)],
            }
            if isinstance(widget, forms.CheckboxInput):
                entry["kind"] = "checkbox"
                entry["checked"] = widget.check_test(value)
                entry["value"] = widget.format_value(value)
            elif isinstance(widget, forms.Select):
                selected = set(widget.format_value(value))
                options, chosen = [], False
                for option, label in widget.choices:
                    option = "" if option is None else str(option)
                    mark = not chosen and option in selected
                    chosen = chosen or mark
                    options.append((option, label, mark))
                entry["kind"] = "select"
                entry["options"] = options
            else:
                entry["kind"] = widget.input_type
                entry["value"] = widget.format_value(value)
            fields.append(entry)
        return fields

    @property
    def narrows(self) -> bool:
        """Whether a valid filter leaves applicants out (a sort alone does not; neither
        does an unticked "not yet reviewed by me")."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(
            value not in EMPTY_VALUES and not (name == "unreviewed" and value is False)
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
        )

    @property
    def sort_key(self) -> str:
        """The sort in effect: the valid one asked for, else the default."""
        if not self.is_bound:
            return DEFAULT_SORT
        self.form.is_valid()  # cleans the form: cleaned_data holds its valid fields
        return self.form.cleaned_data.get("sort") or DEFAULT_SORT

    def filter_q(self, queryset, name, value: str):
        return selectors_dashboard.applicants_matching(queryset, q=value)

    def filter_complete(self, queryset, name, value: bool):
        return selectors_dashboard.applicants_complete(
            queryset, context=self.context, complete=value
        )

    def filter_skill(self, queryset, name, value: str):
        return selectors_dashboard.applicants_with_skill(queryset, skill=value)

    def filter_unreviewed(self, queryset, name, value: bool):
        if not value:
            return queryset
        return selectors_dashboard.applicants_unreviewed(queryset, context=self.context)

    def filter_sort(self, queryset, name, value: str):
        return selectors_dashboard.applicants_sorted(queryset, sort=value)


class ApplicantFilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend that hands the API view's reviewer context (set by its
    get_queryset) to the FilterSet."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {
            **super().get_filterset_kwargs(request, queryset, view),
            "context": view.reviewer,
        }
