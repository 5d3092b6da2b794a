import django_filters

from core.filters import IdFilter
from payments.payouts.models import Payout, PayoutState


class PayoutFilterSet(django_filters.FilterSet):
    """An organization's payouts: by state, term and program (page, API and export)."""

    state = django_filters.ChoiceFilter(choices=PayoutState.choices, empty_label="Any")
    term = IdFilter(field_name="term_id")
    program = IdFilter(field_name="program_id")

    class Meta:
        model = Payout
        fields = ["state", "term", "program"]
