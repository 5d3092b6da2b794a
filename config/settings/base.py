"""Settings shared by every environment. Everything that differs between machines comes
from the environment; `.env.example` lists the variables."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}")

INSTALLED_APPS = [
    "config.admin_site.MentorshipAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "django_countries",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.github",
    "allauth.mfa",
    "core",
    "accounts",
    "programs",
    "applications",
    "mentorship",
    "payments",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.NulBytesAsBadRequestMiddleware",
    "core.middleware.ServiceUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.TimezoneMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
            ],
            "builtins": ["core.templatetags.dates", "core.templatetags.words"],
        },
    },
]

# Database: PostgreSQL when DATABASE_URL is set, else a SQLite file in the project folder
# (the embedded default that `make run` uses on a bare machine).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Bounded waits: a PostgreSQL that accepts connections but never answers must not hold a
# request (or /healthz) forever. libpq gives up connecting after DB_CONNECT_TIMEOUT seconds;
# the server cancels any statement running longer than DB_STATEMENT_TIMEOUT_MS.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", int(env("DB_CONNECT_TIMEOUT", "5")))
    _db_options["options"] = " ".join(
        filter(
            None,
            [
                _db_options.get("options", ""),
                # PostgreSQL's JIT compiles plans that look expensive; the pages' queries are
                # short, so it only costs (1.9 s of a 3.3 s export of 50,000 rows).
                "-c jit=off",
                f"-c statement_timeout={int(env('DB_STATEMENT_TIMEOUT_MS', '60000'))}",
            ],
        )
    )
# The embedded default has the web server, a worker and beat writing one SQLite file: wait
# for a lock instead of failing at once, let readers go on while one writes (WAL), and take
# the write lock when a transaction begins, so two writers never deadlock on an upgrade.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("timeout", 20)
    _db_options.setdefault("transaction_mode", "IMMEDIATE")
    _db_options.setdefault("init_command", "PRAGMA journal_mode=WAL;")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker and cache when REDIS_URL is set; otherwise in-process tasks and a local cache.
REDIS_URL = env("REDIS_URL")
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "mentorship")
# A Redis that hangs answers as "unavailable" within about a second (sign-in's rate limits
# live in the cache; core.middleware.ServiceUnavailableMiddleware then answers "try again in
# a minute") instead of holding the request.
REDIS_CACHE_OPTIONS = {
    "socket_timeout": float(env("REDIS_SOCKET_TIMEOUT", "1")),
    "socket_connect_timeout": float(env("REDIS_SOCKET_TIMEOUT", "1")),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
SITE_ID = 1

# allauth: email is the login; the address must be verified before signing in.
# Queues allauth's emails in the outbox (core/outbox/) instead of sending them in the request.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "5/h/ip,3/h/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mentorship] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_REQUIRED_FOR_ADMINS = env_bool("MFA_REQUIRED_FOR_ADMINS", False)
# Changing the email address sends a verification to the new
# address and switches only once it is confirmed; security-relevant changes (password, email)
# are notified by email.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
SOCIALACCOUNT_PROVIDERS = {}
if env("GITHUB_CLIENT_ID") and env("GITHUB_SECRET"):
    SOCIALACCOUNT_PROVIDERS["github"] = {
        "APPS": [{"client_id": env("GITHUB_CLIENT_ID"), "secret": env("GITHUB_SECRET")}],
        "SCOPE": ["user:email"],
    }

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    # Uploads live outside the static tree and are served only through permission-checked
    # views, never by URL.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
# A mail server that hangs must not hold an outbox row past the sweep's "stuck" limit.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "60"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Mentorship <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis broker when configured. Without Redis, CELERY_EMBEDDED_DIR (set by
# scripts/run.sh) selects kombu's filesystem transport and Celery's file result backend in
# that folder: a real worker and beat with no server to install. Otherwise (a shell, the
# tests) tasks run in-process (eagerly).
CELERY_EMBEDDED_DIR = "" if REDIS_URL else env("CELERY_EMBEDDED_DIR", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
elif CELERY_EMBEDDED_DIR:
    CELERY_BROKER_URL = "filesystem://"
else:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND",
    REDIS_URL
    or (
        Path(CELERY_EMBEDDED_DIR, "results").resolve().as_uri()
        if CELERY_EMBEDDED_DIR
        else "cache+memory://"
    ),
)
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or CELERY_EMBEDDED_DIR)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Redis redelivers an unacknowledged task after this many seconds: above the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "global_keyprefix": env("CELERY_KEY_PREFIX", ""),
}
if CELERY_EMBEDDED_DIR:
    # The filesystem transport: one file per message in queue/, removed when taken. It has
    # no redelivery: a task lost with a killed worker is found again by its sweep on beat's
    # next run (the outbox re-sends its queued rows).
    _queue = str(Path(CELERY_EMBEDDED_DIR, "queue").resolve())
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": _queue,
        "data_folder_out": _queue,
        "control_folder": str(Path(CELERY_EMBEDDED_DIR, "control").resolve()),
    }
CELERY_TIMEZONE = "UTC"

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

# Content-Security-Policy on every response (django-csp): scripts, styles, images and fonts
# from this site only, no inline scripts or styles (templates keep none), no plugins, no
# framing. The API docs pages relax styles only (config/urls.py). Downloads of uploads send
# their own stricter policy (core/uploads), which the middleware leaves in place.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# /healthz answers plain HTTP so a load balancer can probe it behind TLS termination.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
