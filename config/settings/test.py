"""The test suite: PostgreSQL and Redis on loopback unless DATABASE_URL/REDIS_URL say otherwise."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorship")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    CELERY_BROKER_TRANSPORT_OPTIONS,
    DATABASES,
    REDIS_CACHE_OPTIONS,
    env,
)

DEBUG = False
WHITENOISE_USE_FINDERS = True
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; tests/test_celery_worker.py runs a real worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# One prefix per run keeps the suite independent of what Redis already holds.
RUN_ID = env("TEST_RUN_ID", str(os.getpid()))
CACHE_KEY_PREFIX = f"test-{RUN_ID}"
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "global_keyprefix": f"test-{RUN_ID}-",
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": f"/tmp/mentorship-test-media-{RUN_ID}"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
