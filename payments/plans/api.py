from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from payments.plans import serializers as s
from payments.plans.models import StipendPolicy
from payments.plans.services import policy_set
from programs.programs.models import Program


@extend_schema(
    tags=["payouts"],
    description="The stipend policy of each program (admins): from the table (scaled for "
    "part-time), flat or unpaid, and 2-4 installments tied to checkpoints summing to 100 %. "
    "POST sets a program's policy (plans frozen earlier keep theirs).",
)
class OrganizationStipendPoliciesViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.StipendPolicySerializer
    organization_permission = "payments.manage_stipend_policy"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return StipendPolicy.objects.none()
        return StipendPolicy.objects.filter(organization=self.organization).select_related(
            "program"
        )

    @extend_schema(
        request=s.StipendPolicyInputSerializer,
        responses={200: s.StipendPolicySerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        data = s.StipendPolicyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        program = Program.objects.filter(
            organization=self.organization, slug=values.pop("program")
        ).first()
        if program is None:
            raise ValidationError({"program": "No program of this organization has this slug."})
        if "schedule" in values:
            values["schedule"] = [dict(item) for item in values["schedule"]]
        policy = policy_set(program=program, actor=request.user, **values)
        return Response(s.StipendPolicySerializer(policy).data)
