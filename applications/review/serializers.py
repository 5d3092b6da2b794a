"""Serializers of the review API. Input and output kept apart; names are unique in the
OpenAPI schema (prefix Review...)."""

from rest_framework import serializers

from applications.review.models import RUBRIC, ConflictKind


class ReviewApplicantRowSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="applicant.name", read_only=True)
    country = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()
    prerequisites_done = serializers.IntegerField(read_only=True)
    prerequisites_required = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField(read_only=True)
    average_score = serializers.DecimalField(
        max_digits=3, decimal_places=2, read_only=True, allow_null=True
    )
    review_count = serializers.IntegerField(read_only=True, allow_null=True)
    not_acceptable_count = serializers.IntegerField(read_only=True, allow_null=True)
    reviewed_by_me = serializers.BooleanField(read_only=True)
    conflict_declared = serializers.BooleanField(source="viewer_conflicted", read_only=True)
    shortlisted = serializers.BooleanField(read_only=True)
    other_active_applications = serializers.IntegerField(read_only=True)
    state = serializers.CharField(read_only=True)

    def _profile(self, obj):
        return getattr(obj.applicant, "mentee_profile", None)

    def get_country(self, obj) -> str:
        profile = self._profile(obj)
        return profile.country.code or "" if profile else ""

    def get_skills(self, obj) -> list[str]:
        profile = self._profile(obj)
        return [s.get("name", "") for s in profile.skills] if profile else []

    def get_prerequisites_required(self, obj) -> int:
        return self.context["required_prerequisites"]


class ReviewScoresMixin(serializers.Serializer):
    skills = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    motivation = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    communication = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    availability = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )


class ReviewWriteSerializer(ReviewScoresMixin):
    """Scores 1–5 on each criterion, or `not_acceptable` true (then scores are optional)."""

    not_acceptable = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default="", trim_whitespace=True
    )


class ReviewPersonSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(read_only=True)


class ReviewOutputSerializer(ReviewScoresMixin):
    id = serializers.IntegerField(source="pk", read_only=True)
    reviewer = ReviewPersonSerializer(read_only=True)
    score = serializers.DecimalField(max_digits=3, decimal_places=2, read_only=True)
    not_acceptable = serializers.BooleanField(read_only=True)
    notes = serializers.SerializerMethodField(
        help_text="Private notes: shown to their author and the organization's admins only."
    )
    recused = serializers.BooleanField(read_only=True)
    revision = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_notes(self, obj) -> str:
        return getattr(obj, "visible_notes", obj.notes)


class ReviewAnswerSerializer(serializers.Serializer):
    prerequisite = serializers.CharField(source="prerequisite.title", read_only=True)
    done = serializers.BooleanField(read_only=True)
    text = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    file_name = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()

    def get_text(self, obj) -> str:
        return obj.answer.text if obj.answer else ""

    def get_url(self, obj) -> str:
        return obj.answer.url if obj.answer else ""

    def get_file_name(self, obj) -> str:
        return obj.answer.file.original_name if obj.answer and obj.answer.file else ""

    def get_file_url(self, obj) -> str:
        return self.context["file_urls"].get(obj.answer.pk, "") if obj.answer else ""


class ReviewProfileSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id", read_only=True)
    display_name = serializers.CharField(read_only=True)
    legal_name = serializers.CharField(read_only=True)
    pronouns = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    adult_attested = serializers.BooleanField(read_only=True)
    github_url = serializers.CharField(read_only=True)
    linkedin_url = serializers.CharField(read_only=True)
    bio = serializers.CharField(read_only=True)
    skills = serializers.ListField(child=serializers.DictField(), read_only=True)
    skills_to_grow = serializers.ListField(child=serializers.CharField(), read_only=True)
    resume_url = serializers.CharField(read_only=True, allow_null=True)


class ReviewHistoryEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at", read_only=True)
    action = serializers.CharField(read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    actor = serializers.SerializerMethodField()

    def get_actor(self, obj) -> str:
        return obj.actor.name if obj.actor else ""


class ReviewApplicantDetailSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    state = serializers.CharField(read_only=True)
    shortlisted = serializers.BooleanField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True)
    cover_letter = serializers.CharField(read_only=True)
    conflict_declared = serializers.BooleanField(read_only=True)
    profile = ReviewProfileSerializer(read_only=True, allow_null=True)
    answers = ReviewAnswerSerializer(many=True, read_only=True)
    reviews = ReviewOutputSerializer(many=True, read_only=True)
    history = ReviewHistoryEventSerializer(many=True, read_only=True)


class ReviewConflictWriteSerializer(serializers.Serializer):
    relationship = serializers.ChoiceField(choices=ConflictKind.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class ReviewConflictSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    application = serializers.UUIDField(source="application.public_id", read_only=True)
    reviewer = ReviewPersonSerializer(read_only=True)
    relationship = serializers.CharField(source="kind", read_only=True)
    note = serializers.CharField(read_only=True)
    declared_at = serializers.DateTimeField(read_only=True)


class ReviewShortlistSerializer(serializers.Serializer):
    shortlisted = serializers.BooleanField()


class ReviewProgressSerializer(serializers.Serializer):
    reviewer = ReviewPersonSerializer(read_only=True)
    is_primary = serializers.BooleanField(read_only=True)
    reviewed = serializers.IntegerField(read_only=True)
    conflicts = serializers.IntegerField(read_only=True)
    to_review = serializers.IntegerField(read_only=True)
    percent = serializers.IntegerField(read_only=True)


RUBRIC_FIELDS = tuple(RUBRIC)
