"""GET /healthz: 200 when the database (and Redis, when configured) answer, else 503.

It answers within HEALTH_DEADLINE_SECONDS whatever hangs: each check runs in its own daemon
thread on its own connection, and a check that has not answered by the deadline counts as
down (a server that accepts connections but never replies would otherwise hold the probe)."""

import functools
import threading
import time

import redis
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

HEALTH_DEADLINE_SECONDS = 1.5


def _database_ok() -> bool:
    connection = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False
    finally:
        try:
            connection.close()
        except Exception:
            pass


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


class _Check(threading.Thread):
    def __init__(self, check):
        super().__init__(daemon=True)
        self.check = check
        self.ok = False

    def run(self):
        self.ok = self.check()


def _run_within(checks: dict, deadline: float) -> dict[str, str]:
    threads = {name: _Check(check) for name, check in checks.items()}
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join(max(0.0, deadline - time.monotonic()))
    return {
        name: "ok" if not thread.is_alive() and thread.ok else "down"
        for name, thread in threads.items()
    }


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok}
    if settings.REDIS_URL:
        checks["redis"] = _redis_ok
    results = _run_within(checks, time.monotonic() + HEALTH_DEADLINE_SECONDS)
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
