from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from mentorship.stats import selectors

_rows = inline_serializer(
    many=True,
    name="StatsRow",
    fields={
        "cycle": serializers.CharField(),
        "year": serializers.IntegerField(),
        "organization": serializers.CharField(),
        **{
            name: serializers.IntegerField(allow_null=True, help_text="null: fewer than 5")
            for name in selectors.COUNTS
        },
        "acceptance_rate": serializers.FloatField(allow_null=True),
        "graduation_rate": serializers.FloatField(allow_null=True),
        # Money metrics registered by higher apps (payments: stipends_paid), per currency.
        **{
            # Not required: a snapshot written before the metric existed has none.
            key: inline_serializer(
                many=True,
                required=False,
                name="StatsMoney",
                fields={
                    "currency": serializers.CharField(help_text="ISO 4217"),
                    "amount": serializers.DecimalField(
                        max_digits=16,
                        decimal_places=2,
                        allow_null=True,
                        help_text="null: fewer than 5 people",
                    ),
                },
            )
            for key in selectors.MONEY_METRICS
        },
    },
)


class StatsView(APIView):
    """Public statistics per cycle and organization, from the latest hourly snapshot. Counts
    under 5 are null, and so is a rate built on one. `stipends_paid` lists the sums of paid
    stipend payouts per currency; an amount made of fewer than 5 people is null."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        tags=["statistics"],
        responses={
            200: inline_serializer(
                name="Stats",
                fields={
                    "computed_at": serializers.DateTimeField(allow_null=True),
                    "rows": _rows,
                },
            )
        },
    )
    def get(self, request):
        snapshot = selectors.latest_snapshot()
        return Response(
            {
                "computed_at": snapshot.computed_at if snapshot else None,
                "rows": snapshot.rows if snapshot else [],
            }
        )
