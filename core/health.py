"""GET /healthz: 200 when the database (and Redis, when configured) answer, else 503."""

import functools

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


@functools.cache
def _redis_client(url: str) -> redis.Redis:
    """One client per process with its connection pool: a health check every few seconds
    reuses a connection instead of opening one (and a socket in TIME_WAIT) per call."""
    return redis.Redis(
        connection_pool=redis.ConnectionPool.from_url(
            url, socket_timeout=1, socket_connect_timeout=1, max_connections=4
        )
    )


def _redis_ok() -> bool:
    try:
        return bool(_redis_client(settings.REDIS_URL).ping())
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": "ok" if _database_ok() else "down"}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if _redis_ok() else "down"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
