"""The review API under /api/v1/orgs/<org>/review/: the dashboard's applicants (same
filters and ordering as the page), an applicant's file, reviews (create, update),
conflicts of interest, the shortlist flag, reviewing progress and the CSV export (what
mentors may do is the organization's policy, /api/v1/orgs/<org>/policy/). Same rules as
the pages: a mentor of another term gets 404 for this term and its applicants."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.people.selectors import mentee_profile_summary
from accounts.tenancy import OrganizationAPIMixin
from applications.apply.models import Application
from applications.decisions.selectors import application_history
from applications.review import serializers as s
from applications.review.filters import ApplicantFilterBackend, ApplicantFilterSet
from applications.review.models import ConflictOfInterest, Review
from applications.review.selectors import access as selectors
from applications.review.selectors import applicant as selectors_applicant
from applications.review.selectors import dashboard as selectors_dashboard
from applications.review.selectors import progress as selectors_progress
from applications.review.selectors.export import CSV_HEADER, applicant_csv_rows
from applications.review.services import (
    application_shortlist,
    conflict_declare,
    review_save,
)
from core import csv

VIEW = "applications.view_reviews"


class ReviewApplicantsPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class ReviewCsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach here: the export itself is a streamed response written by
        # core.csv.
        return str(data).encode()


class ReviewAPIMixin(OrganizationAPIMixin):
    organization_permission = VIEW

    def term_context(self):
        return selectors.review_term_get(
            user=self.request.user, organization=self.organization, pk=self.kwargs["term"]
        )

    def application_context(self):
        return selectors.review_application_get(
            user=self.request.user,
            organization=self.organization,
            public_id=self.kwargs["application"],
        )


class ReviewApplicantsMixin(ReviewAPIMixin):
    """The term's applicants narrowed by the dashboard's FilterSet (400 on an invalid
    filter). get_queryset keeps the viewer's context in `self.reviewer`."""

    filter_backends = [ApplicantFilterBackend]
    filterset_class = ApplicantFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        self.reviewer = self.term_context()
        return selectors_dashboard.term_applicants(context=self.reviewer)


@extend_schema(
    tags=["review"],
    description="The term's applicants as on the dashboard, filtered and sorted. Admins and "
    "coordinators see every term of the organization; mentors only the terms they mentor "
    "(404 otherwise). Scores and review counts are empty for applicants you declared a "
    "conflict with. `other_active_applications` is only a number, never where.",
)
class ReviewApplicantsView(ReviewApplicantsMixin, generics.ListAPIView):
    serializer_class = s.ReviewApplicantRowSerializer
    pagination_class = ReviewApplicantsPagination

    def get_serializer_context(self):
        context = super().get_serializer_context()
        reviewer = getattr(self, "reviewer", None)
        context["required_prerequisites"] = reviewer.required_prerequisites if reviewer else 0
        return context


@extend_schema(
    tags=["review"],
    filters=True,
    responses={(200, "text/csv"): OpenApiTypes.STR},
    description="The filtered applicants as CSV (every page): the dashboard's columns and "
    "the private notes you may read (yours; all of them for admins).",
)
class ReviewApplicantsCsvView(ReviewApplicantsMixin, generics.GenericAPIView):
    renderer_classes = [JSONRenderer, ReviewCsvRenderer]
    pagination_class = None

    def perform_content_negotiation(self, request, force=False):
        # The export is CSV whatever ?format= says; an unknown one must not turn the
        # answer into 404 before authentication (an anonymous caller gets 401).
        return super().perform_content_negotiation(request, force=True)

    def get(self, request, *args, **kwargs):
        applicants = self.filter_queryset(self.get_queryset())
        return csv.csv_response(
            filename=f"applicants-term-{self.reviewer.term.pk}.csv",
            header=CSV_HEADER,
            rows=applicant_csv_rows(self.reviewer, applicants),
            cells_final=True,
        )


@extend_schema(
    tags=["review"],
    responses=s.ReviewProgressSerializer(many=True),
    description="How many of the term's applicants each of its mentors has reviewed.",
)
class ReviewProgressView(ReviewAPIMixin, APIView):
    def get(self, request, *args, **kwargs):
        context = self.term_context()
        rows = selectors_progress.review_progress(term=context.term)
        return Response(s.ReviewProgressSerializer(rows, many=True).data)


def _visible_reviews(application, context):
    return selectors_applicant.application_reviews(application=application, context=context)


@extend_schema(
    tags=["review"],
    responses=s.ReviewApplicantDetailSerializer,
    description="An applicant: profile (with the resume's download URL), answers and files, "
    "the reviews you may see, and the application's history.",
)
class ReviewApplicantView(ReviewAPIMixin, APIView):
    def get(self, request, *args, **kwargs):
        application, context = self.application_context()
        profile = getattr(application.applicant, "mentee_profile", None)
        summary = None
        if profile is not None:
            summary = mentee_profile_summary(profile).__dict__
            summary["resume_url"] = (
                reverse("accounts:resume-download", kwargs={"profile": profile.public_id})
                if profile.resume_id
                else None
            )
        answers = selectors_applicant.application_answers(application=application)
        file_urls = {
            row.answer.pk: reverse(
                "applications:review-answer-file",
                kwargs={
                    "org": self.organization.slug,
                    "application": application.public_id,
                    "answer": row.answer.pk,
                },
            )
            for row in answers
            if row.answer and row.answer.file_id
        }
        data = {
            "id": application.public_id,
            "state": application.state,
            "shortlisted": application.shortlisted,
            "submitted_at": application.submitted_at,
            "cover_letter": application.cover_letter,
            "conflict_declared": selectors.reviewer_has_conflict(request.user, application),
            "profile": summary,
            "answers": answers,
            "reviews": _visible_reviews(application, context),
            "history": list(application_history(application=application)),
        }
        return Response(
            s.ReviewApplicantDetailSerializer(data, context={"file_urls": file_urls}).data
        )


def _permission(error: PermissionDenied):
    return exceptions.PermissionDenied(str(error) or None)


class ReviewsView(ReviewAPIMixin, APIView):
    @extend_schema(
        tags=["review"],
        responses=s.ReviewOutputSerializer(many=True),
        description="The application's reviews you may see (none if you declared a conflict).",
    )
    def get(self, request, *args, **kwargs):
        application, context = self.application_context()
        reviews = _visible_reviews(application, context)
        return Response(s.ReviewOutputSerializer(reviews, many=True).data)

    @extend_schema(
        tags=["review"],
        request=s.ReviewWriteSerializer,
        responses={201: s.ReviewOutputSerializer, 200: s.ReviewOutputSerializer},
        description="Writes your review (201), or replaces it when you already wrote one "
        "(200; the previous version is kept). Term mentors, coordinators and admins.",
    )
    def post(self, request, *args, **kwargs):
        application, _context = self.application_context()
        data = s.ReviewWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        existed = Review.objects.filter(application=application, reviewer=request.user).exists()
        try:
            review = review_save(
                application=application, reviewer=request.user, **data.validated_data
            )
        except PermissionDenied as error:
            raise _permission(error) from error
        return Response(
            s.ReviewOutputSerializer(review).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class ReviewView(ReviewAPIMixin, APIView):
    def _own(self, application):
        """The person's own review; another reviewer's answers like a missing one, so a
        reviewer cannot learn which reviews exist (one in conflict must see none)."""
        review = Review.objects.filter(
            application=application, pk=self.kwargs["review"], reviewer=self.request.user
        ).first()
        if review is None:
            raise Http404("No such review of yours.")
        return review

    def _save(self, request, partial: bool):
        application, _context = self.application_context()
        review = self._own(application)
        data = s.ReviewWriteSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        fields = {name: getattr(review, name) for name in s.RUBRIC_FIELDS}
        fields.update(not_acceptable=review.not_acceptable, notes=review.notes)
        if partial:
            fields.update(data.validated_data)
        else:
            fields = {**{name: None for name in s.RUBRIC_FIELDS}, **data.validated_data}
        try:
            review = review_save(application=application, reviewer=request.user, **fields)
        except PermissionDenied as error:
            raise _permission(error) from error
        return Response(s.ReviewOutputSerializer(review).data)

    @extend_schema(
        tags=["review"],
        request=s.ReviewWriteSerializer,
        responses=s.ReviewOutputSerializer,
        description="Replaces your review (the previous version is kept).",
    )
    def put(self, request, *args, **kwargs):
        return self._save(request, partial=False)

    @extend_schema(
        tags=["review"],
        request=s.ReviewWriteSerializer,
        responses=s.ReviewOutputSerializer,
        description="Changes some fields of your review (the previous version is kept).",
    )
    def patch(self, request, *args, **kwargs):
        return self._save(request, partial=True)


class ReviewConflictView(ReviewAPIMixin, APIView):
    @extend_schema(
        tags=["review"],
        request=s.ReviewConflictWriteSerializer,
        responses={201: s.ReviewConflictSerializer},
        description="Declares your conflict of interest with the applicant. Final: you no "
        "longer see their reviews and cannot review, shortlist or decide on them.",
    )
    def post(self, request, *args, **kwargs):
        application, _context = self.application_context()
        data = s.ReviewConflictWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            conflict = conflict_declare(
                application=application,
                reviewer=request.user,
                kind=data.validated_data["relationship"],
                note=data.validated_data["note"],
            )
        except PermissionDenied as error:
            raise _permission(error) from error
        return Response(s.ReviewConflictSerializer(conflict).data, status=201)


@extend_schema(
    tags=["review"],
    responses=s.ReviewConflictSerializer(many=True),
    description="Every declared conflict of interest of the organization (admins).",
)
class ReviewConflictsView(ReviewAPIMixin, generics.ListAPIView):
    organization_permission = "applications.view_conflicts"
    serializer_class = s.ReviewConflictSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ConflictOfInterest.objects.none()
        return selectors_applicant.organization_conflicts(organization=self.organization)


class ReviewShortlistView(ReviewAPIMixin, APIView):
    @extend_schema(
        tags=["review"],
        request=s.ReviewShortlistSerializer,
        responses=s.ReviewShortlistSerializer,
        description="Sets or clears the shortlist flag. Coordinators and admins; the term's "
        "mentors where the organization lets mentors shortlist.",
    )
    def put(self, request, *args, **kwargs):
        application, context = self.application_context()
        if not context.can_shortlist:
            raise exceptions.PermissionDenied("Your role cannot change the shortlist here.")
        data = s.ReviewShortlistSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            application = application_shortlist(
                application=application,
                actor=request.user,
                shortlisted=data.validated_data["shortlisted"],
            )
        except PermissionDenied as error:
            raise _permission(error) from error
        return Response({"shortlisted": application.shortlisted})
