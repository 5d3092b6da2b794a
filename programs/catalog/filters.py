"""The public catalog's filters: one FilterSet for the page (its form) and the API list, so
one query string gives the same programs in both.

The FilterSet only validates and cleans the query: the catalog spans every organization, so
the rows are read and filtered inside the cross-tenant selector `catalog_programs`, which
`qs` calls with the cleaned values.

Invalid values: the page ignores them (and shows the error beside the field); the API
answers 400 with the field's message. A skill or organization the catalog does not hold is
invalid on the page, whose choices are the catalog's facets; the API takes any slug, and an
unknown one matches no program. A search longer than 200 characters is cut to 200 (both); one
with a NUL byte is refused, by the page too (`search_refused`): 400 on both."""

import django_filters
from django import forms
from django.http import QueryDict

from accounts.people.selectors import mentee_profile_of
from programs.catalog import matching
from programs.catalog import selectors as catalog_selectors
from programs.programs.models import Program
from programs.terms.models import TermKind

SEARCH_MAX_LENGTH = 200
FILTER_NAMES = ("q", "skill", "organization", "kind")
ORDER_CHOICES = [
    ("name", "Name"),
    ("deadline", "Deadline, soonest first"),
    ("best_match", "Best match for my profile"),
]


class CatalogFilterSet(django_filters.FilterSet):
    """Search, skill, organization and kind of term. Given the catalog's facets
    (`facets=`, the page), skill and organization are choices among them."""

    q = django_filters.CharFilter(
        label="Search",
        widget=forms.TextInput(attrs={"maxlength": SEARCH_MAX_LENGTH}),
        help_text="Full-text search (name, description, organization, skills).",
    )
    skill = django_filters.CharFilter(label="Skill", help_text="A skill's slug.")
    organization = django_filters.CharFilter(
        label="Organization", help_text="An organization's slug."
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=TermKind.choices, empty_label="Full-time or part-time"
    )

    order = django_filters.ChoiceFilter(
        label="Sort by",
        choices=ORDER_CHOICES,
        empty_label=None,
        method="_keep",
        help_text="Best match (signed in) compares each program's skills with your profile's.",
    )

    class Meta:
        model = Program
        fields = [*FILTER_NAMES, "order"]

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        facets: dict | None = None,
        best_match_by_default: bool = False,
        **kwargs,
    ):
        request = kwargs.get("request")
        user = getattr(request, "user", None)
        self.signed_in = bool(user and user.is_authenticated)
        # The order shown in "Sort by" is the order of the list: without one asked for, the
        # default is filled in: name, or on the page (`best_match_by_default`) best match for
        # a signed-in visitor whose profile names skills. The API keeps name unless asked.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("order"):
            best = (
                best_match_by_default
                and self.signed_in
                and matching.has_skills(mentee_profile_of(user))
            )
            data["order"] = "best_match" if best else "name"
        # The FilterSet's own queryset only names the model: the rows come from `qs`.
        super().__init__(data, Program.objects.none() if queryset is None else queryset, **kwargs)
        if not self.signed_in:
            # "Best match" compares with the visitor's own profile: signed in only.
            declared = self.filters["order"]
            order = django_filters.ChoiceFilter(
                label=declared.label,
                choices=ORDER_CHOICES[:2],
                empty_label=None,
                method="_keep",
                help_text=declared.extra.get("help_text"),
            )
            order.model, order.parent, order.field_name = Program, self, "order"
            self.filters["order"] = order
        if facets is not None:
            # New filters, not new choices on the copied ones: those may hold a built field.
            self._replace("skill", "Any skill", facets["skills"])
            self._replace("organization", "Any organization", facets["organizations"])

    def _replace(self, name: str, empty_label: str, objects) -> None:
        declared = self.filters[name]
        choice = django_filters.ChoiceFilter(
            label=declared.label,
            choices=[(o.slug, o.name) for o in objects],
            empty_label=empty_label,
        )
        choice.model, choice.parent, choice.field_name = Program, self, name
        self.filters[name] = choice

    @property
    def search_refused(self) -> bool:
        """The search text itself is malformed (a NUL byte), not merely a stale choice."""
        return self.is_bound and "q" in self.errors

    @property
    def cleaned(self) -> dict[str, str]:
        """The valid values asked for ("" for none or an invalid one)."""
        self.form.is_valid()  # cleans the form: cleaned_data holds its valid fields
        return {name: self.form.cleaned_data.get(name) or "" for name in FILTER_NAMES}

    def _keep(self, queryset, name, value):
        return queryset  # the order is applied in `qs`

    @property
    def chosen_order(self) -> str:
        """The order asked for (filled in with the default when none was), "name" when invalid."""
        self.form.is_valid()
        return self.form.cleaned_data.get("order") or "name"

    @property
    def qs(self):
        """The catalog's programs, filtered by the cross-tenant selector and paged by the
        caller in the database (the queryset handed in, an empty one, is never used). In
        "best match" order, a list ranked by the visitor's profile, each program carrying
        its `match` (score and matched skills)."""
        if not hasattr(self, "_programs"):
            programs = catalog_selectors.catalog_programs(**self.cleaned)
            order = self.chosen_order
            if order == "best_match":
                matches = matching.rank_programs(programs, mentee_profile_of(self.request.user))
                for match in matches:
                    match.program.match = match
                programs = [match.program for match in matches]
            elif order == "deadline":
                programs = sorted(
                    programs,
                    key=lambda p: (min(t.applications_close_at for t in p.open_terms), p.name),
                )
            self._programs = programs
        return self._programs
