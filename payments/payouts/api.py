import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django_scopes import scope
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import BasePagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from accounts.tenancy import OrganizationAPIMixin, StaffAPIMixin
from core.api import UUID_REGEX
from core.filters import ListFilterBackend
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from payments.payouts import selectors
from payments.payouts import serializers as s
from payments.payouts.filters import PayoutFilterSet
from payments.payouts.models import Payout, PayoutState
from payments.payouts.services import (
    payout_approve,
    payout_decline,
    payout_fail,
    payout_pay,
    payout_retry,
    payouts_bulk_approve,
)


class PayoutKeysetPagination(BasePagination):
    """Keyset pages of payouts (core.pagination): `?after=<payout id>` gives the page after
    it, `?before=` the page before, `?page=last` the last; `next` and `previous` are those
    links. As cheap deep in the list as at its start. `page_keyset` reads the page."""

    page_size = 50
    page_keyset = None  # a callable(size, after, before, last) -> KeysetPage, set per view

    def _cursor(self, request, name):
        try:
            return str(uuid.UUID(request.query_params.get(name, "")))
        except ValueError:
            return None

    def read(self, request, reader):
        self.request = request
        self.page = reader(
            size=self.page_size,
            after=self._cursor(request, "after"),
            before=self._cursor(request, "before"),
            last=request.query_params.get("page") == "last",
        )
        return self.page.object_list

    def _link(self, **params):
        url = self.request.build_absolute_uri()
        for name in ("after", "before", "page"):
            url = remove_query_param(url, name)
        for name, value in params.items():
            url = replace_query_param(url, name, value)
        return url

    def get_paginated_response(self, data):
        page = self.page
        return Response(
            {
                "count": page.count,
                "next": self._link(after=page.next_cursor) if page.has_next else None,
                "previous": self._link(before=page.previous_cursor) if page.has_previous else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer"},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": text,
                "schema": {"type": "string"},
            }
            for name, text in (
                ("after", "The page after this payout (its id, from `next`)."),
                ("before", "The page before this payout (its id, from `previous`)."),
                ("page", "`last` for the last page."),
            )
        ]


@extend_schema(tags=["me"], responses={200: s.MyPlanSerializer(many=True)})
class MyStipendView(APIView):
    """Your stipend plans: each installment with its amount, expected date and state, and
    once paid its date and reference."""

    def get(self, request):
        plans = selectors.my_stipend_plans(user=request.user)
        return Response(s.MyPlanSerializer(plans, many=True).data)


@extend_schema(
    tags=["payouts"],
    description="The organization's stipend payouts (admins only), filtered by `state`, "
    "`term` and `program`. Admins approve or decline a payable payout, or approve many at "
    "once with the count they confirm. Every move honours an Idempotency-Key header.",
)
class OrganizationPayoutsViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.PayoutSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "payout"
    lookup_value_regex = UUID_REGEX
    organization_permission = "payments.view_payouts"
    permission_map = {
        "approve": "payments.approve_payout",
        "decline": "payments.approve_payout",
        "bulk_approve": "payments.approve_payout",
    }
    filter_backends = [ListFilterBackend]
    filterset_class = PayoutFilterSet
    pagination_class = PayoutKeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Payout.objects.none()
        return selectors.organization_payouts(organization=self.organization)

    def paginate_queryset(self, queryset):
        return self.paginator.read(
            self.request,
            lambda **page: selectors.organization_payout_page(
                organization=self.organization, rows=queryset, **page
            ),
        )

    @extend_schema(
        request=None, responses={200: s.PayoutSerializer}, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def approve(self, request, *args, **kwargs):
        """Approve a payable payout."""
        payout = payout_approve(payout=self.get_object(), actor=request.user)
        return Response(s.PayoutSerializer(payout).data)

    @extend_schema(
        request=s.DeclineInputSerializer,
        responses={200: s.PayoutSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, *args, **kwargs):
        """Decline a payable payout, with a reason the mentee reads."""
        data = s.DeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payout = payout_decline(
            payout=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.PayoutSerializer(payout).data)

    @extend_schema(
        operation_id="v1_orgs_payouts_bulk_approve",
        request=s.BulkApproveInputSerializer,
        responses={200: s.BulkApproveOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    # JSON only: a form post of 10,000 ids would pass Django's limit on form fields.
    @action(detail=False, methods=["post"], url_path="approve", parser_classes=[JSONParser])
    @idempotent
    def bulk_approve(self, request, *args, **kwargs):
        """Approve many payable payouts at once: `count` must equal how many are approved,
        otherwise nothing changes."""
        data = s.BulkApproveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        approved = payouts_bulk_approve(
            organization=self.organization,
            actor=request.user,
            ids=data.validated_data["payouts"],
            expected_count=data.validated_data["count"],
        )
        return Response({"approved": approved})


@extend_schema(
    tags=["staff"],
    description="The payment queue across organizations (platform staff): filter by "
    "`state` and `organization` (slug). Staff mark an approved payout paid (reference and "
    "date) or failed (reason), and retry a failed one. Every move honours an "
    "Idempotency-Key header.",
)
class StaffPayoutsViewSet(StaffAPIMixin, viewsets.GenericViewSet):
    serializer_class = s.StaffPayoutSerializer
    lookup_url_kwarg = "payout"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []
    pagination_class = PayoutKeysetPagination

    def get_queryset(self):
        return Payout.objects.none()

    def get_object(self):
        try:
            return selectors.staff_payout_get(public_id=self.kwargs["payout"])
        except ObjectDoesNotExist:
            raise Http404() from None

    @extend_schema(
        responses={200: s.StaffPayoutSerializer(many=True)},
        parameters=[
            OpenApiParameter("state", str, enum=PayoutState.values),
            OpenApiParameter("organization", str, description="An organization's slug."),
        ],
    )
    def list(self, request, *args, **kwargs):
        state = request.query_params.get("state", "")
        if state and state not in PayoutState.values:
            state = "-"
        organization = request.query_params.get("organization", "")[:60]
        rows = self.paginator.read(
            request,
            lambda **page: selectors.staff_payout_page(
                state=state, organization=organization, **page
            ),
        )
        return self.paginator.get_paginated_response(s.StaffPayoutSerializer(rows, many=True).data)

    @extend_schema(responses={200: s.StaffPayoutSerializer})
    def retrieve(self, request, *args, **kwargs):
        return Response(s.StaffPayoutSerializer(self.get_object()).data)

    @extend_schema(
        request=s.PayInputSerializer,
        responses={200: s.StaffPayoutSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def pay(self, request, *args, **kwargs):
        """Record the external payment of an approved payout."""
        data = s.PayInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = self.get_object()
        with scope(organization=found.organization_id):
            payout = payout_pay(payout=found, actor=request.user, **data.validated_data)
        return Response(s.StaffPayoutSerializer(payout).data)

    @extend_schema(
        request=s.FailInputSerializer,
        responses={200: s.StaffPayoutSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def fail(self, request, *args, **kwargs):
        """Record that the payment of an approved payout failed, with the reason."""
        data = s.FailInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = self.get_object()
        with scope(organization=found.organization_id):
            payout = payout_fail(payout=found, actor=request.user, **data.validated_data)
        return Response(s.StaffPayoutSerializer(payout).data)

    @extend_schema(
        request=None, responses={200: s.StaffPayoutSerializer}, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def retry(self, request, *args, **kwargs):
        """Retry a failed payout: a new approved payout replaces it."""
        found = self.get_object()
        with scope(organization=found.organization_id):
            payout = payout_retry(payout=found, actor=request.user)
        return Response(s.StaffPayoutSerializer(payout).data)
