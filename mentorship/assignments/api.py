from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.tenancy import OrganizationAPIMixin, OwnedObjectAPIMixin
from core.api import UUID_REGEX
from core.idempotency.api import IDEMPOTENCY_PARAMETER, idempotent
from mentorship.assignments import selectors
from mentorship.assignments import serializers as s
from mentorship.assignments.models import Task
from mentorship.assignments.services import (
    task_complete,
    task_create,
    task_return,
    task_start,
    task_submit,
)
from mentorship.mentorships import selectors as mentorships_selectors
from programs.terms.models import Term


@extend_schema(
    tags=["tasks"],
    description="Tasks of the mentorships you may see. A mentor of the mentorship (or of the "
    "term, for a task to all its active mentees) or an admin assigns, completes and sends "
    "back tasks.",
)
class OrganizationTasksViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.TaskSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "task"
    lookup_value_regex = UUID_REGEX
    organization_permission = "mentorship.view_mentorships"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Task.objects.none()
        visible = mentorships_selectors.organization_mentorships(
            user=self.request.user, organization=self.organization
        ).values("pk")
        return selectors.organization_tasks(organization=self.organization).filter(
            mentorship__in=visible
        )

    @extend_schema(
        request=s.TaskCreateInputSerializer,
        responses={201: s.TaskSerializer(many=True)},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        """Assign a task to one mentorship's mentee or every active mentee of a term."""
        data = s.TaskCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        mentorship = term = None
        if "mentorship" in values:
            mentorship = mentorships_selectors.mentorship_get(
                user=request.user,
                organization=self.organization,
                public_id=values.pop("mentorship"),
            )
        else:
            term = Term.objects.filter(
                organization=self.organization, pk=values.pop("term")
            ).first()
            if term is None:
                raise Http404("No such term.")
        tasks = task_create(actor=request.user, mentorship=mentorship, term=term, **values)
        return Response(s.TaskSerializer(tasks, many=True).data, status=201)

    @extend_schema(
        request=None, responses={200: s.TaskSerializer}, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def complete(self, request, *args, **kwargs):
        """Mark a submitted task completed."""
        return Response(
            s.TaskSerializer(task_complete(task=self.get_object(), actor=request.user)).data
        )

    @extend_schema(
        request=s.TaskReturnInputSerializer,
        responses={200: s.TaskSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @action(detail=True, methods=["post"], url_path="return")
    @idempotent
    def send_back(self, request, *args, **kwargs):
        """Send a submitted task back to In progress, with a comment."""
        data = s.TaskReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = task_return(task=self.get_object(), actor=request.user, **data.validated_data)
        return Response(s.TaskSerializer(task).data)


@extend_schema(tags=["me"], description="Your tasks as a mentee, in every organization.")
class MyTasksViewSet(
    OwnedObjectAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.TaskSerializer
    owned_lookup = selectors.mentee_task_get
    lookup_url_kwarg = "task"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Task.objects.none()
        return selectors.mentee_tasks(user=self.request.user)

    @extend_schema(request=None, responses={200: s.TaskSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request, *args, **kwargs):
        """Start a task (To do → In progress)."""
        return Response(
            s.TaskSerializer(task_start(task=self.get_object(), actor=request.user)).data
        )

    @extend_schema(
        request={
            "application/json": s.TaskSubmitInputSerializer,
            "multipart/form-data": s.TaskSubmitInputSerializer,
        },
        responses={200: s.TaskSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit a task in progress with a link, a text or a PDF."""
        data = s.TaskSubmitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        task = task_submit(
            task=self.get_object(),
            actor=request.user,
            link=values.get("link", ""),
            text=values.get("text", ""),
            upload=values.get("file"),
        )
        return Response(s.TaskSerializer(task).data)
