from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from payments.funds import serializers as s
from payments.funds.models import Fund
from payments.funds.selectors import ledger_published, ledgers_by_program
from payments.funds.services import fund_record, ledger_publish
from programs.programs.models import Program


@extend_schema(
    tags=["payouts"],
    description="Funds the organization's programs received (admins). Record one (an "
    "Idempotency-Key header is honoured); a correction is a new entry with a negative "
    "amount. `ledger/` gives each program's received, committed (frozen plans), paid and "
    "balance per currency.",
)
class OrganizationFundsViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.FundSerializer
    organization_permission = "payments.manage_funds"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Fund.objects.none()
        return Fund.objects.filter(organization=self.organization).select_related("program")

    @extend_schema(
        request=s.FundInputSerializer,
        responses={201: s.FundSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        data = s.FundInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        program = Program.objects.filter(
            organization=self.organization, slug=values.pop("program")
        ).first()
        if program is None:
            raise ValidationError({"program": "No program of this organization has this slug."})
        fund = fund_record(program=program, actor=request.user, **values)
        return Response(s.FundSerializer(fund).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.ProgramLedgerSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def ledger(self, request, *args, **kwargs):
        programs = list(Program.objects.filter(organization=self.organization).order_by("name"))
        ledgers = ledgers_by_program(programs=programs)
        rows = [{"program": program.name, "ledgers": ledgers[program.pk]} for program in programs]
        return Response(s.ProgramLedgerSerializer(rows, many=True).data)

    @extend_schema(
        request=s.PublishInputSerializer,
        responses={200: s.PublishOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=False, methods=["post"])
    @idempotent
    def publish(self, request, *args, **kwargs):
        """Publish (or withdraw) a program's ledger totals on its public page and in the
        public program API: totals only, no names, no references. Off by default."""
        data = s.PublishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = Program.objects.filter(
            organization=self.organization, slug=data.validated_data["program"]
        ).first()
        if program is None:
            raise ValidationError({"program": "No program of this organization has this slug."})
        ledger_publish(
            program=program, actor=request.user, published=data.validated_data["published"]
        )
        return Response({"program": program.slug, "published": ledger_published(program=program)})
