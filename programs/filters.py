"""Filtersets and permission names shared by the programs API views."""

from django_filters import rest_framework as filters

from core.filters import IdFilter
from programs.prerequisites.models import Prerequisite
from programs.programs.models import Program, ProgramStatus
from programs.terms.models import Milestone, MilestoneKind, Term, TermKind, TermMentor


# Invalid values (an unknown status or kind, an id that is not a whole number) are a 400
# with the field's message, not an empty list.
#
# Every filter below is declared by hand and none chooses among rows of a model (choices are
# the models' fixed choices, ids are plain integers), so declaring these filtersets queries
# nothing and needs no scope. A filter that picks a row (a
# ModelChoiceFilter, or one generated for a foreign key) would read the model's manager
# when declared, outside any scope: such a filterset needs another design.
class ProgramFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ProgramStatus.choices)

    class Meta:
        model = Program
        fields = ["status"]


class TermFilter(filters.FilterSet):
    program = filters.CharFilter(field_name="program__slug")
    cycle = IdFilter(field_name="cycle_id")
    kind = filters.ChoiceFilter(choices=TermKind.choices)

    class Meta:
        model = Term
        fields = ["program", "cycle", "kind"]


class MilestoneFilter(filters.FilterSet):
    term = IdFilter(field_name="term_id")
    kind = filters.ChoiceFilter(choices=MilestoneKind.choices)

    class Meta:
        model = Milestone
        fields = ["term", "kind"]


class TermMentorFilter(filters.FilterSet):
    term = IdFilter(field_name="term_id")

    class Meta:
        model = TermMentor
        fields = ["term"]


class PrerequisiteFilter(filters.FilterSet):
    term = IdFilter(field_name="term_id")
    standing = filters.BooleanFilter(field_name="term", lookup_expr="isnull")

    class Meta:
        model = Prerequisite
        fields = ["term", "standing"]


MANAGE_PROGRAM = "programs.manage_program"
MANAGE_TERM = "programs.manage_term"
