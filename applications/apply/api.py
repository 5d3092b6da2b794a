"""/api/v1/me/applications/: the mentee's applications through the same services and rules
as the pages. Applications are named by their public id and looked up with the applicant,
so anyone else's is a 404; service errors become 400s with field messages."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django_scopes import scope
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tenancy import owned_object
from applications.apply import serializers as s
from applications.apply.selectors import eligibility as selectors_eligibility
from applications.apply.selectors import mine as selectors
from applications.apply.services import answers as services_answers
from applications.apply.services import common as services_common
from applications.apply.services import ranking as services_ranking
from applications.apply.services import submit as services
from core.uploads import services as uploads
from programs.cycles.models import Cycle

BAD_REQUEST = OpenApiResponse(description="Refused, with field messages")
NOT_FOUND = OpenApiResponse(description="No such application of yours")


def _body(request, application):
    item = selectors.my_application_item(application=application)
    return s.MenteeApplicationSerializer(item, context={"request": request}).data


@extend_schema(tags=["me"])
class MyApplicationsView(APIView):
    """Your applications in every organization, and starting a new one."""

    @extend_schema(responses=s.MenteeApplicationSerializer(many=True))
    def get(self, request):
        items = selectors.my_applications(user=request.user)
        return Response(
            s.MenteeApplicationSerializer(items, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=s.MenteeApplicationStartSerializer,
        responses={201: s.MenteeApplicationSerializer, 400: BAD_REQUEST},
        description="Starts a draft application to a term after the eligibility check; a "
        "refusal names every reason under `term`.",
    )
    def post(self, request):
        data = s.MenteeApplicationStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            term = selectors_eligibility.term_for_applying(term_id=data.validated_data["term"])
        except Http404 as error:
            raise serializers.ValidationError({"term": ["No such term."]}) from error
        try:
            with scope(organization=term.organization):
                application = services_common.application_start(user=request.user, term=term)
                body = _body(request, application)
        except ValidationError as error:
            raise serializers.ValidationError({"term": error.messages}) from error
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["me"])
class MyApplicationView(APIView):
    """One of your applications; change the cover letter of a draft."""

    @extend_schema(responses={200: s.MenteeApplicationSerializer, 404: NOT_FOUND})
    def get(self, request, application):
        with owned_object(request, selectors.my_application_get, application) as found:
            return Response(_body(request, found))

    @extend_schema(
        request=s.MenteeApplicationUpdateSerializer,
        responses={200: s.MenteeApplicationSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def patch(self, request, application):
        with owned_object(request, selectors.my_application_get, application) as application:
            data = s.MenteeApplicationUpdateSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            application = services_answers.application_draft_update(
                application=application,
                actor=request.user,
                cover_letter=data.validated_data["cover_letter"],
            )
            return Response(_body(request, application))


@extend_schema(tags=["me"])
class MyApplicationAnswerView(APIView):
    """Your text or link answer to one prerequisite, saved on its own."""

    @extend_schema(
        request=s.MenteeAnswerSerializer,
        responses={200: s.MenteeApplicationSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def put(self, request, application, prerequisite):
        with owned_object(request, selectors.my_application_get, application) as application:
            data = s.MenteeAnswerSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services_answers.prerequisite_answer_save(
                application=application,
                actor=request.user,
                prerequisite_id=prerequisite,
                text=data.validated_data.get("text"),
                url=data.validated_data.get("url"),
            )
            return Response(_body(request, application))


@extend_schema(tags=["me"])
class MyApplicationAnswerFileView(APIView):
    """The PDF answering a file prerequisite: download it or upload (replace) it."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: None},
        description="Downloads the file as an attachment; 404 when there is none.",
    )
    def get(self, request, application, prerequisite):
        with owned_object(request, selectors.my_application_get, application) as application:
            if not request.user.has_perm("applications.view_prerequisite_file", application):
                raise Http404("No such file.")
            answer = (
                application.answers.filter(prerequisite_id=prerequisite, file__isnull=False)
                .select_related("file")
                .first()
            )
            if answer is None:
                raise Http404("No such file.")
            return uploads.file_response(answer.file)

    @extend_schema(
        request={"multipart/form-data": s.MenteeAnswerFileSerializer},
        responses={200: s.MenteeApplicationSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
        description="Uploads a PDF (checked by its content, at most 5 MB) as the answer.",
    )
    def put(self, request, application, prerequisite):
        with owned_object(request, selectors.my_application_get, application) as application:
            data = s.MenteeAnswerFileSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services_answers.prerequisite_answer_save(
                application=application,
                actor=request.user,
                prerequisite_id=prerequisite,
                upload=data.validated_data["file"],
            )
            return Response(_body(request, application))


@extend_schema(tags=["me"])
class MyApplicationSubmitView(APIView):
    """Submits a draft: every prerequisite due by the deadline answered, before the term's
    applications close (to the second), within the cycle's limit."""

    @extend_schema(
        request=None,
        responses={200: s.MenteeApplicationSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def post(self, request, application):
        with owned_object(request, selectors.my_application_get, application) as application:
            application = services.application_submit(application=application, actor=request.user)
            return Response(_body(request, application))


@extend_schema(tags=["me"])
class MyApplicationWithdrawView(APIView):
    """Withdraws an application before a decision (or discards a draft)."""

    @extend_schema(
        request=s.MenteeWithdrawSerializer,
        responses={200: s.MenteeApplicationSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def post(self, request, application):
        with owned_object(request, selectors.my_application_get, application) as application:
            data = s.MenteeWithdrawSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            application = services_ranking.application_withdraw(
                application=application,
                actor=request.user,
                reason=data.validated_data.get("reason", ""),
            )
            return Response(_body(request, application))


@extend_schema(tags=["me"])
class MyApplicationRankingView(APIView):
    """Your ranking of your submitted applications of a cycle (1 = most wanted), editable
    until the cycle's results are announced."""

    @extend_schema(
        request=s.MenteeRankingSerializer,
        responses={200: s.MenteeApplicationSerializer(many=True), 400: BAD_REQUEST},
    )
    def put(self, request):
        data = s.MenteeRankingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = Cycle.objects.filter(pk=data.validated_data["cycle"]).first()
        if cycle is None:
            raise serializers.ValidationError({"cycle": ["No such cycle."]})
        services_ranking.application_ranking_set(
            user=request.user, cycle=cycle, order=data.validated_data["order"]
        )
        items = [
            item
            for item in selectors.my_applications(user=request.user)
            if item.application.cycle_id == cycle.pk
            and item.application.state in selectors_eligibility.RANKED_STATES
        ]
        items.sort(key=lambda item: item.application.mentee_rank or 0)
        return Response(
            s.MenteeApplicationSerializer(items, many=True, context={"request": request}).data
        )
