"""API of the graduates slice: /api/v1/me/graduate-profile/ (the graduate's profile and
consent), /api/v1/me/graduate-interests/ (requests received), /api/v1/employers/graduates/
and /api/v1/employers/interests/ (approved employers) and /api/v1/graduates/ (public)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tenancy import StaffAPIMixin
from core.api import UUID_REGEX
from mentorship.graduates import selectors
from mentorship.graduates import serializers as s
from mentorship.graduates.models import Employer, Endorsement, GraduateProfile, InterestRequest
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import endorsements as endorsements_services
from mentorship.graduates.services import interests as interests_services
from mentorship.graduates.services import profiles as profiles_services

NO_PROFILE = OpenApiResponse(description="You have no graduate profile yet.")
NO_EMPLOYER = OpenApiResponse(description="You act for no employer (or it is not approved).")


class DirectoryPagination(PageNumberPagination):
    page_size = 25
    max_page = 400


class _DirectoryMixin:
    serializer_class = s.PublicProfileSerializer
    pagination_class = DirectoryPagination
    lookup_field = "public_id"
    lookup_url_kwarg = "profile"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []

    def viewer_employer(self):
        return None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return GraduateProfile.objects.none()
        employer = self.viewer_employer()
        if self.action != "list":
            return selectors.visible_profiles(employer=employer).prefetch_related("completions")
        query = s.DirectoryQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.directory_search(
            employer=employer, **query.validated_data
        ).prefetch_related("completions")


@extend_schema(
    tags=["graduates"],
    parameters=[s.DirectoryQuerySerializer],
    description="Graduates who chose to be seen by approved employers (or by everyone), "
    "with full-text search and filters; 25 a page. Approved employers only.",
)
class EmployerGraduatesViewSet(
    _DirectoryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    def viewer_employer(self):
        return self._employer

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.EmployerProfileSerializer
        return super().get_serializer_class()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "employer": getattr(self, "_employer", None)}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._employer = selectors.approved_employer_of(user=request.user)
        if self._employer is None:
            raise exceptions.NotFound()

    @extend_schema(
        parameters=[],
        request=s.InterestInputSerializer,
        responses={201: s.EmployerInterestSerializer},
    )
    @action(detail=True, methods=["post"])
    def interest(self, request, *args, **kwargs):
        """Send an interest request (a short message); the graduate is told by email."""
        data = s.InterestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            interest = interests_services.interest_send(
                employer=self._employer,
                actor=request.user,
                profile=self.get_object(),
                message=data.validated_data["message"],
            )
        except DjangoPermissionDenied as error:
            raise exceptions.NotFound() from error
        return Response(s.EmployerInterestSerializer(interest).data, status=201)


@extend_schema(
    tags=["graduates"],
    parameters=[s.DirectoryQuerySerializer],
    description="Graduates who chose a public profile; anyone may read them.",
)
class PublicGraduatesViewSet(
    _DirectoryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [AllowAny]
    authentication_classes: list = []


@extend_schema(tags=["graduates"], description="Interest requests your company sent.")
class EmployerInterestsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.EmployerInterestSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return InterestRequest.objects.none()
        employer = selectors.approved_employer_of(user=self.request.user)
        if employer is None:
            raise exceptions.NotFound()
        return selectors.employer_interests(employer=employer)


def _my_profile(request) -> GraduateProfile:
    profile = selectors.profile_of(user=request.user)
    if profile is None:
        raise exceptions.NotFound("You have no graduate profile yet; save one first.")
    return profile


class MyGraduateProfileView(APIView):
    """Your graduate profile. PUT saves it (creating it the first time; graduates only);
    saving does not publish."""

    @extend_schema(tags=["me"], responses={200: s.MyProfileSerializer, 404: NO_PROFILE})
    def get(self, request):
        return Response(s.MyProfileSerializer(_my_profile(request)).data)

    @extend_schema(
        tags=["me"], request=s.MyProfileSerializer, responses={200: s.MyProfileSerializer}
    )
    def put(self, request):
        data = s.MyProfileSerializer(
            instance=selectors.profile_of(user=request.user), data=request.data, partial=True
        )
        data.is_valid(raise_exception=True)
        try:
            profile = profiles_services.profile_save(user=request.user, **data.validated_data)
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error
        return Response(s.MyProfileSerializer(profile).data)


class MyGraduateProfilePublishView(APIView):
    """Publish your profile: your consent to show it (to the visibility you chose)."""

    @extend_schema(
        tags=["me"], request=None, responses={200: s.MyProfileSerializer, 404: NO_PROFILE}
    )
    def post(self, request):
        profile = profiles_services.profile_publish(
            profile=_my_profile(request), actor=request.user
        )
        return Response(s.MyProfileSerializer(profile).data)


class MyGraduateProfileWithdrawView(APIView):
    """Withdraw your profile: it leaves every list at once."""

    @extend_schema(
        tags=["me"], request=None, responses={200: s.MyProfileSerializer, 404: NO_PROFILE}
    )
    def post(self, request):
        profile = profiles_services.profile_withdraw(
            profile=_my_profile(request), actor=request.user
        )
        return Response(s.MyProfileSerializer(profile).data)


@extend_schema(tags=["me"], description="Interest requests employers sent you.")
class MyGraduateInterestsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.GraduateInterestSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "interest"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return InterestRequest.objects.none()
        return InterestRequest.objects.filter(profile__user=self.request.user).select_related(
            "employer"
        )

    @extend_schema(request=s.AnswerInputSerializer, responses={200: s.GraduateInterestSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, *args, **kwargs):
        """Accept (the employer sees your email address) or decline (“not now”)."""
        data = s.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interest = interests_services.interest_answer(
            interest=self.get_object(), actor=request.user, accept=data.validated_data["accept"]
        )
        return Response(s.GraduateInterestSerializer(interest).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def block(self, request, *args, **kwargs):
        """Block the employer that sent this request: it no longer finds or reaches you."""
        interest = self.get_object()
        interests_services.employer_block(
            profile=interest.profile, employer=interest.employer, actor=request.user
        )
        return Response(status=204)

    @extend_schema(request=s.ReportInputSerializer, responses={200: s.GraduateInterestSerializer})
    @action(detail=True, methods=["post"])
    def report(self, request, *args, **kwargs):
        """Report this request to platform staff as abuse (they are emailed)."""
        data = s.ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interest = interests_services.interest_report(
            interest=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.GraduateInterestSerializer(interest).data)


# --- employer accounts, colleagues, staff decisions, endorsements ----------------------------


class EmployerAccountView(APIView):
    """Your company's employer account: GET reads it (404 if you act for none); POST asks
    for one (platform staff approve or decline it; you are told by email)."""

    @extend_schema(tags=["graduates"], responses={200: s.EmployerSerializer, 404: NO_EMPLOYER})
    def get(self, request):
        employer = selectors.employer_of(user=request.user)
        if employer is None:
            raise exceptions.NotFound("You act for no employer.")
        return Response(s.EmployerSerializer(employer).data)

    @extend_schema(
        tags=["graduates"], request=s.EmployerSerializer, responses={201: s.EmployerSerializer}
    )
    def post(self, request):
        data = s.EmployerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employers_services.employer_request_create(
            user=request.user, **data.validated_data
        )
        return Response(s.EmployerSerializer(employer).data, status=201)


class EmployerColleaguesView(APIView):
    """The people acting for your (approved) employer and the invitations not yet accepted;
    POST invites a colleague by email."""

    def _employer(self, request):
        employer = selectors.approved_employer_of(user=request.user)
        if employer is None:
            raise exceptions.NotFound()
        return employer

    def _colleagues(self, employer):
        return s.ColleaguesSerializer(
            {
                "members": [m.user.email for m in employer.members.select_related("user")],
                "pending_invitations": list(
                    employer.invitations.filter(accepted_at__isnull=True).values_list(
                        "email", flat=True
                    )
                ),
            }
        ).data

    @extend_schema(tags=["graduates"], responses={200: s.ColleaguesSerializer, 404: NO_EMPLOYER})
    def get(self, request):
        return Response(self._colleagues(self._employer(request)))

    @extend_schema(
        tags=["graduates"],
        request=s.InviteInputSerializer,
        responses={201: s.ColleaguesSerializer, 404: NO_EMPLOYER},
    )
    def post(self, request):
        employer = self._employer(request)
        data = s.InviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employers_services.employer_invite(
            employer=employer, actor=request.user, email=data.validated_data["email"]
        )
        return Response(self._colleagues(employer), status=201)


@extend_schema(
    tags=["staff"],
    description="Employer account requests waiting for a decision (staff). Approving lets "
    "the company browse graduates; declining needs a reason. The requester is emailed.",
)
class StaffEmployersViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.StaffEmployerSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "employer"
    lookup_value_regex = UUID_REGEX
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.action == "list":
            return selectors.pending_employers()
        return Employer.objects.select_related("requested_by")

    @extend_schema(request=None, responses={200: s.StaffEmployerSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        employer = employers_services.employer_approve(
            employer=self.get_object(), actor=request.user
        )
        return Response(s.StaffEmployerSerializer(employer).data)

    @extend_schema(
        request=s.EmployerDeclineInputSerializer, responses={200: s.StaffEmployerSerializer}
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, *args, **kwargs):
        data = s.EmployerDeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employers_services.employer_decline(
            employer=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.StaffEmployerSerializer(employer).data)


class MyEndorsementsView(APIView):
    """Endorsements your mentors wrote about you; they show on your profile once accepted."""

    @extend_schema(tags=["me"], responses={200: s.EndorsementSerializer(many=True)})
    def get(self, request):
        endorsements = Endorsement.objects.filter(graduate=request.user)
        return Response(s.EndorsementSerializer(endorsements, many=True).data)


class MyEndorsementAnswerView(APIView):
    """Accept an endorsement (it shows on your profile) or remove it."""

    @extend_schema(
        tags=["me"], request=s.AnswerInputSerializer, responses={200: s.EndorsementSerializer}
    )
    def post(self, request, endorsement):
        found = selectors.endorsement_for_graduate_get(user=request.user, public_id=endorsement)
        data = s.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endorsements_services.endorsement_accept(
            endorsement=found, actor=request.user, accept=data.validated_data["accept"]
        )
        if data.validated_data["accept"]:
            found.refresh_from_db()
            return Response(s.EndorsementSerializer(found).data)
        return Response(status=204)


class EndorseView(APIView):
    """As a mentor of a graduated mentorship, endorse its mentee (shown once they accept)."""

    @extend_schema(
        tags=["me"],
        request=s.EndorsementInputSerializer,
        responses={201: s.EndorsementSerializer},
    )
    def post(self, request, mentorship):
        data = s.EndorsementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            endorsement = endorsements_services.endorsement_write(
                mentor=request.user, mentorship_public_id=mentorship, **data.validated_data
            )
        except DjangoPermissionDenied as error:
            raise exceptions.NotFound() from error
        return Response(s.EndorsementSerializer(endorsement).data, status=201)
