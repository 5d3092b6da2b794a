"""API of the rank lists: /api/v1/orgs/<org>/terms/<term>/rank-list/ (read; admins and
coordinators), .../move/ and .../cut/ (change)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tenancy import OrganizationAPIMixin
from applications.apply.models import Application
from applications.ranking import selectors
from applications.ranking import serializers as s
from applications.ranking.services import rank_cut_set, rank_move
from programs.terms import selectors as terms_selectors


def _payload(term) -> dict:
    settings = selectors.term_rank_settings(term=term)
    return {
        "term": term.pk,
        "seed": term.cycle.match_seed,
        "cut": settings.cut if settings else None,
        "capacity_left": selectors.term_capacity_left(term=term),
        "entries": selectors.term_rank_list(term=term),
    }


@extend_schema(
    tags=["ranking"],
    description="A term's rank list, built from the reviews (average score, best first; "
    "not-acceptable marks, declared conflicts and declined applicants left out), in the "
    "order its admins and coordinators set, with its cut line. Admins and coordinators.",
)
class RankListView(OrganizationAPIMixin, APIView):
    organization_permission = "applications.view_rank_list"

    @extend_schema(responses={200: s.RankListSerializer})
    def get(self, request, *args, term, **kwargs):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        return Response(s.RankListSerializer(_payload(term)).data)


@extend_schema(
    tags=["ranking"],
    description="Move an applicant of a term's rank list to a position (1 = first).",
)
class RankMoveView(OrganizationAPIMixin, APIView):
    organization_permission = "applications.rank_applicants"

    @extend_schema(request=s.RankMoveSerializer, responses={200: s.RankListSerializer})
    def post(self, request, *args, term, **kwargs):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        data = s.RankMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = (
            Application.objects.filter(
                organization=self.organization,
                term=term,
                public_id=data.validated_data["application"],
            )
            .select_related("applicant")
            .first()
        )
        if application is None:
            raise ValidationError({"application": "No such applicant of this term."})
        rank_move(
            term=term,
            application=application,
            position=data.validated_data["position"],
            actor=request.user,
        )
        return Response(s.RankListSerializer(_payload(term)).data)


@extend_schema(
    tags=["ranking"],
    description="Set a term's cut line (how many applicants from the top are acceptable; "
    "null for no line).",
)
class RankCutView(OrganizationAPIMixin, APIView):
    organization_permission = "applications.rank_applicants"

    @extend_schema(request=s.RankCutSerializer, responses={200: s.RankListSerializer})
    def post(self, request, *args, term, **kwargs):
        term = terms_selectors.term_get(organization=self.organization, pk=term)
        data = s.RankCutSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rank_cut_set(term=term, cut=data.validated_data["cut"], actor=request.user)
        return Response(s.RankListSerializer(_payload(term)).data)
