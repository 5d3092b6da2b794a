"""The API's settings: Django REST framework, knox tokens and the OpenAPI schema
(drf-spectacular). Imported by base.py."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    # A viewset's filterset narrows its list only, never a detail action's row.
    "DEFAULT_FILTER_BACKENDS": ["core.filters.ListFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migration creates its default token table even when the model is swapped; our
# accounts.ApiToken replaces it, so knox gets no migrations (and no orphan table).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {"TOKEN_TTL": None, "AUTO_REFRESH": False, "TOKEN_PREFIX": "mtr_"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mentorship platform API",
    "DESCRIPTION": (
        "Everything a person can do in the browser. Authenticate with a session or a personal "
        "API token (`Authorization: Token <token>`), created at /me/tokens/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# programs: three choice sets share the field name "kind" (term, milestone, prerequisite);
# name their OpenAPI enums explicitly so the schema is stable and warning-free.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "TermKindEnum": "programs.terms.models.TermKind",
        "MilestoneKindEnum": "programs.terms.models.MilestoneKind",
        "PrerequisiteKindEnum": "programs.prerequisites.models.PrerequisiteKind",
        "CountryEnum": "core.api.COUNTRY_CHOICES",
        "ProgramStatusEnum": "programs.programs.models.ProgramStatus",
        "InvitationStatusEnum": "accounts.invitations.models.InvitationStatus",
        # Join and organization requests share pending/approved/declined.
        "RequestStatusEnum": "accounts.invitations.models.JoinRequestStatus",
        # applications: applications, offers and mentorships each have a "state".
        "ApplicationStateEnum": "applications.apply.models.ApplicationState",
        "OfferStateEnum": "applications.decisions.models.OfferState",
        "MentorshipStateEnum": "mentorship.mentorships.models.MentorshipState",
        # mentorship: the term's work (evaluations, feedback, tasks, standing).
        "EvaluationKindEnum": "mentorship.evaluations.models.EvaluationKind",
        "EvaluationStateEnum": "mentorship.evaluations.models.EvaluationState",
        "FeedbackKindEnum": "mentorship.evaluations.models.FeedbackKind",
        "VerdictEnum": "mentorship.evaluations.models.Verdict",
        "CorrectedVerdictEnum": "mentorship.evaluations.serializers.CORRECTED_VERDICTS",
        "TaskStateEnum": "mentorship.assignments.models.TaskState",
        "InterestStatusEnum": "mentorship.graduates.models.InterestStatus",
        "StandingEnum": "mentorship.mentorships.selectors.Standing",
        # payments: a policy's kind and a payout's state.
        "PolicyKindEnum": "payments.plans.models.PolicyKind",
        "PayoutStateEnum": "payments.payouts.models.PayoutState",
        # reminders: an announcement's sending state.
        "AnnouncementStateEnum": "mentorship.announcements.models.AnnouncementState",
    }
)
