"""Filters of the join requests (an organization's admins) and the requests for new
organizations (platform staff): the API lists' FilterSets. The pages show these lists
unfiltered (pending, then the latest decided), so only the API uses them, through
`core.filters.ListFilterBackend` (approving or declining one request finds it whatever the
query string says).

Invalid values: the API answers 400 with the field's message."""

import django_filters

from accounts.invitations.models import (
    JoinRequest,
    JoinRequestStatus,
    OrganizationRequest,
    OrganizationRequestStatus,
)


class JoinRequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=JoinRequestStatus.choices, help_text="Filter by status."
    )

    class Meta:
        model = JoinRequest
        fields = ["status"]


class OrganizationRequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=OrganizationRequestStatus.choices, help_text="Filter by status."
    )

    class Meta:
        model = OrganizationRequest
        fields = ["status"]
