from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from accounts.tenancy import StaffAPIMixin
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from payments.tables import serializers as s
from payments.tables.selectors import tables_list
from payments.tables.services import table_import


@extend_schema(
    tags=["staff"],
    description="Stipend table versions (platform staff). POST imports a version from CSV "
    "(`country,tier,amount`); with `preview` true, or with any bad line, nothing is written "
    "and the rows and the list of errors come back (400 with errors).",
)
class StaffStipendTablesViewSet(StaffAPIMixin, viewsets.GenericViewSet):
    serializer_class = s.StipendTableSerializer
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        return tables_list()

    @extend_schema(responses={200: s.StipendTableSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return Response(s.StipendTableSerializer(self.get_queryset(), many=True).data)

    @extend_schema(
        request=s.StipendTableInputSerializer,
        responses={201: s.StipendTablePreviewSerializer, 200: s.StipendTablePreviewSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        data = s.StipendTableInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        table, rows, errors = table_import(
            actor=request.user,
            name=values["name"],
            effective_from=values["effective_from"],
            currency=values["currency"],
            floor_amount=values.get("floor_amount"),
            csv_text=values["csv"],
            commit=not values["preview"],
        )
        body = s.StipendTablePreviewSerializer(
            {"rows": rows, "errors": errors, "table": table}
        ).data
        if errors:
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_201_CREATED if table else status.HTTP_200_OK)
