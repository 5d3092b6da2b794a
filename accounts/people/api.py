"""/api/v1/me/profile/, /me/profile/resume/, /me/mentor-profile/, /me/demographics/: the
same services and rules as the pages."""

from django.core.exceptions import ValidationError
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from accounts.people import selectors
from accounts.people import serializers as people_serializers
from accounts.people.models import (
    DEMOGRAPHIC_CATEGORIES,
    MenteeProfile,
    MentorProfile,
    SkillLevel,
    User,
)
from accounts.people.services import (
    account_update,
    demographics_erase,
    demographics_set,
    mentee_profile_update,
    mentee_resume_remove,
    mentee_resume_set,
    mentor_profile_update,
)
from core.uploads import services as uploads
from core.uploads.services import MAX_UPLOAD_BYTES


@extend_schema(tags=["me"], description="Your own account. Any signed-in person.")
class MeView(generics.RetrieveUpdateAPIView):
    serializer_class = people_serializers.AccountSerializer
    http_method_names = ["get", "patch", "options"]

    def get_object(self):
        return self.request.user

    def perform_update(self, serializer):
        account_update(user=self.request.user, actor=self.request.user, **serializer.validated_data)


class ProfileSkillSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    level = serializers.ChoiceField(choices=SkillLevel.choices)


class ResumeSerializer(serializers.Serializer):
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField()
    uploaded_at = serializers.DateTimeField(source="created_at")
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, stored) -> str:
        return reverse("api:my-resume", request=self.context.get("request"))


class MenteeProfileSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Output: your own profile, including the private date of birth (only you see it)."""

    display_name = serializers.CharField(source="user.display_name")
    timezone = serializers.CharField(source="user.timezone")
    adult_attested = serializers.BooleanField()
    skills = ProfileSkillSerializer(many=True)
    skills_to_grow = serializers.ListField(child=serializers.CharField(max_length=50))
    resume = ResumeSerializer(allow_null=True)
    missing_for_applying = serializers.SerializerMethodField(
        help_text="What is still missing before you can apply; empty when complete."
    )

    class Meta:
        model = MenteeProfile
        fields = [
            "public_id",
            "display_name",
            "legal_name",
            "pronouns",
            "country",
            "timezone",
            "date_of_birth",
            "adult_attested",
            "github_url",
            "linkedin_url",
            "bio",
            "skills",
            "skills_to_grow",
            "resume",
            "missing_for_applying",
        ]
        read_only_fields = fields

    def get_missing_for_applying(self, profile) -> list[str]:
        return selectors.profile_missing_for_applying(profile.user, profile)


class MenteeProfileUpdateSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Input: any subset of the fields."""

    display_name = serializers.CharField(max_length=100, allow_blank=True, required=False)
    timezone = serializers.ChoiceField(
        choices=User._meta.get_field("timezone").choices, required=False
    )
    adult_attested = serializers.BooleanField(
        required=False, help_text="Confirm you are 18 or older; needs date_of_birth."
    )
    skills = ProfileSkillSerializer(many=True, required=False)
    skills_to_grow = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False
    )

    class Meta:
        model = MenteeProfile
        fields = [
            "display_name",
            "legal_name",
            "pronouns",
            "country",
            "timezone",
            "date_of_birth",
            "adult_attested",
            "github_url",
            "linkedin_url",
            "bio",
            "skills",
            "skills_to_grow",
        ]


def _profile_body(request) -> dict:
    profile = selectors.mentee_profile_of(request.user)
    return MenteeProfileSerializer(profile, context={"request": request}).data


@extend_schema(tags=["me"])
class MyProfileView(APIView):
    """Your mentee profile (one per person), what programs see when you apply."""

    @extend_schema(responses=MenteeProfileSerializer)
    def get(self, request):
        return Response(_profile_body(request))

    @extend_schema(
        request=MenteeProfileUpdateSerializer,
        responses=MenteeProfileSerializer,
        description="Change any fields. Legal and display name changes are recorded.",
    )
    def patch(self, request):
        data = MenteeProfileUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        mentee_profile_update(
            user=User.objects.get(pk=request.user.pk),
            actor=request.user,
            adult_attested=fields.pop("adult_attested", None),
            **fields,
        )
        return Response(_profile_body(request))


class ResumeUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=f"A PDF of at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB, checked by content."
    )


@extend_schema(tags=["me"])
class MyResumeView(APIView):
    """Your resume: download, replace (multipart upload) or remove."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: None},
        description="Downloads your resume as an attachment; 404 when you have none.",
    )
    def get(self, request):
        profile = selectors.mentee_profile_of(request.user)
        found = selectors.resume_profile_for(user=request.user, profile_id=profile.public_id)
        return uploads.file_response(found.resume)

    @extend_schema(
        request={"multipart/form-data": ResumeUploadSerializer},
        responses={200: MenteeProfileSerializer, 400: OpenApiResponse(description="Rejected")},
        description="Uploads a new resume, replacing the previous one. The file must be a "
        "readable PDF (checked by its content) of at most 5 MB.",
    )
    def put(self, request):
        data = ResumeUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            mentee_resume_set(user=request.user, upload=data.validated_data["file"])
        except ValidationError as error:
            raise serializers.ValidationError({"file": error.messages}) from error
        return Response(_profile_body(request))

    @extend_schema(responses={204: None})
    def delete(self, request):
        mentee_resume_remove(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MentorProfileSerializer(serializers.ModelSerializer):
    skills = serializers.ListField(child=serializers.CharField(max_length=50), required=False)

    class Meta:
        model = MentorProfile
        fields = ["bio", "skills", "github_url", "linkedin_url", "website_url"]


@extend_schema(tags=["me"])
class MyMentorProfileView(APIView):
    """Your mentor profile: what mentees see on the pages of programs you mentor in."""

    @extend_schema(responses=MentorProfileSerializer)
    def get(self, request):
        return Response(MentorProfileSerializer(selectors.mentor_profile_of(request.user)).data)

    @extend_schema(request=MentorProfileSerializer, responses=MentorProfileSerializer)
    def patch(self, request):
        data = MentorProfileSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile = mentor_profile_update(
            user=request.user, actor=request.user, **data.validated_data
        )
        return Response(MentorProfileSerializer(profile).data)


class DemographicAnswerSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=list(DEMOGRAPHIC_CATEGORIES))
    value = serializers.CharField(max_length=40)
    consent = serializers.BooleanField(
        help_text="Must be true: an answer is stored only with consent for its category."
    )


class DemographicsSerializer(serializers.Serializer):
    answers = DemographicAnswerSerializer(many=True)


class DemographicQuestionSerializer(serializers.Serializer):
    category = serializers.CharField()
    question = serializers.CharField()
    choices = serializers.ListField(child=serializers.CharField())


class MyDemographicsSerializer(serializers.Serializer):
    answers = DemographicAnswerSerializer(many=True)
    questions = DemographicQuestionSerializer(many=True)


def _demographics_body(user) -> dict:
    answers = selectors.my_demographics(user)
    return {
        "answers": [
            {"category": category, "value": value, "consent": True}
            for category, value in sorted(answers.items())
        ],
        "questions": [
            {"category": category, "question": question, "choices": [c for c, _ in choices]}
            for category, (question, choices) in DEMOGRAPHIC_CATEGORIES.items()
        ],
    }


@extend_schema(tags=["me"])
class MyDemographicsView(APIView):
    """Your optional demographic answers. Only you can read them; others see only
    aggregate counts with small numbers hidden."""

    @extend_schema(responses=MyDemographicsSerializer)
    def get(self, request):
        return Response(_demographics_body(request.user))

    @extend_schema(
        request=DemographicsSerializer,
        responses=MyDemographicsSerializer,
        description="Replaces your answers; categories left out are deleted.",
    )
    def put(self, request):
        data = DemographicsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answers = {}
        for item in data.validated_data["answers"]:
            if item["category"] in answers:
                raise serializers.ValidationError(
                    {"answers": [f"“{item['category']}” is answered twice."]}
                )
            answers[item["category"]] = {"value": item["value"], "consent": item["consent"]}
        demographics_set(user=request.user, answers=answers)
        return Response(_demographics_body(request.user))

    @extend_schema(responses={204: None}, description="Erases every answer you gave.")
    def delete(self, request):
        demographics_erase(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
