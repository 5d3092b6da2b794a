"""Local development and the embedded default of `make run`."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, env, env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only here: production.py refuses to start without SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-not-for-production")
# Serve static files straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The development server runs a thread per request: a persistent connection per thread would
# pile up idle connections on a shared PostgreSQL ("too many clients"). Close each one after
# its request unless DB_CONN_MAX_AGE says otherwise.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "0"))
