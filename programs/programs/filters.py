"""The staff programs queue's filter: one FilterSet for the page (/staff/programs/) and the
API list (/api/v1/staff/programs/), so one query string gives the same programs in both.

No `status` means the approval queue (submitted); an empty one means every status. The
programs span every organization, so the queryset is built inside the cross-tenant selector
`staff_programs`, which `qs` calls with the cleaned status; the page and the API page it in
the database.

Invalid values: the page ignores them (the approval queue); the API answers 400 with the
field's message."""

import django_filters
from django.db.models import QuerySet

from programs.programs import selectors
from programs.programs.models import Program, ProgramStatus

DEFAULT_STATUS = ProgramStatus.SUBMITTED


class StaffProgramFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=ProgramStatus.choices,
        empty_label="Any status",
        help_text="Default: submitted. Empty for every status.",
    )

    class Meta:
        model = Program
        fields = ["status"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = DEFAULT_STATUS
        # The FilterSet's own queryset only names the model: the rows come from `qs`.
        super().__init__(data, Program.objects.none() if queryset is None else queryset, **kwargs)

    @property
    def wanted_status(self) -> str:
        """The status asked for when valid ("" for every status), else the default."""
        if not self.is_bound or not self.form.is_valid():
            return DEFAULT_STATUS
        return self.form.cleaned_data["status"] or ""

    @property
    def qs(self) -> QuerySet[Program]:
        """The programs, filtered by the cross-tenant selector and paged by the caller in
        the database (the queryset handed in, an empty one, is never used)."""
        if not hasattr(self, "_programs"):
            self._programs = selectors.staff_programs(status=self.wanted_status)
        return self._programs
