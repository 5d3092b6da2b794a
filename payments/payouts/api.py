from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django_scopes import scope
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
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

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Payout.objects.none()
        return selectors.organization_payouts(organization=self.organization)

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


class StaffPagination(PageNumberPagination):
    page_size = 50


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

    def get_queryset(self):
        return Payout.objects.none()

    def get_object(self):
        try:
            return selectors.staff_payout_get(public_id=self.kwargs["payout"])
        except ObjectDoesNotExist:
            raise Http404() from None

    @extend_schema(responses={200: s.StaffPayoutSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        state = request.query_params.get("state", "")
        if state and state not in PayoutState.values:
            state = "-"
        try:
            page = max(int(request.query_params.get("page", "1")), 1)
        except ValueError:
            page = 1
        size = StaffPagination.page_size
        count, rows = selectors.staff_payout_list(
            state=state,
            organization=request.query_params.get("organization", "")[:60],
            limit=size,
            offset=(page - 1) * size,
        )
        return Response({"count": count, "results": s.StaffPayoutSerializer(rows, many=True).data})

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
