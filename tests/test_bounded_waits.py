"""Issue 13, finding 5: bounded waits. A local socket that accepts connections and never
answers plays a hung PostgreSQL or Redis."""

import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory


@pytest.fixture
def silent_port():
    """A TCP server on loopback that accepts every connection and never sends a byte."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for sock in held:
        sock.close()
    server.close()


def run_django(code: str, **environ) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **environ}
    prelude = "import django; django.setup()\n"
    result = subprocess.run(
        [sys.executable, "-c", prelude + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_healthz_answers_503_within_2s_when_postgres_hangs(silent_port):
    out = run_django(
        "import time\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        "client.get('/no-such-page/')  # loads the URLs and middleware first\n"
        "started = time.monotonic()\n"
        "response = client.get('/healthz')\n"
        "print(response.status_code, round(time.monotonic() - started, 2), "
        "response.json()['checks']['database'])",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent_port}/hung",
    )
    status, elapsed, database = out.split()
    assert status == "503" and database == "down"
    assert float(elapsed) < 2


@pytest.mark.django_db
def test_healthz_answers_503_within_2s_when_redis_hangs(silent_port):
    client = Client()
    client.get("/no-such-page/")  # loads the URLs and middleware first
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{silent_port}/0"):
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "down"}
    assert elapsed < 2


@pytest.mark.django_db
def test_sign_in_answers_try_again_within_3s_when_redis_hangs(silent_port):
    user = UserFactory()
    client = Client()
    client.get("/no-such-page/")  # loads the URLs and middleware first
    hung_cache = {**settings.CACHES["default"], "LOCATION": f"redis://127.0.0.1:{silent_port}/0"}
    with override_settings(CACHES={"default": hung_cache}):
        started = time.monotonic()
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Try again in a minute" in response.content.decode()
    assert elapsed < 3


@pytest.mark.django_db
def test_the_api_answers_503_json_when_redis_hangs(silent_port):
    """The same middleware answers the API in JSON (a token sign-in's rate limit, say)."""
    hung_cache = {**settings.CACHES["default"], "LOCATION": f"redis://127.0.0.1:{silent_port}/0"}
    from django.core.cache import cache
    from django.urls import path
    from rest_framework.decorators import api_view, permission_classes
    from rest_framework.permissions import AllowAny
    from rest_framework.response import Response

    @api_view(["GET"])
    @permission_classes([AllowAny])
    def counted(request):
        cache.incr("counter")
        return Response({})

    urls = type("urls", (), {"urlpatterns": [path("api/v1/counted/", counted)]})
    with override_settings(CACHES={"default": hung_cache}, ROOT_URLCONF=urls):
        started = time.monotonic()
        response = Client().get("/api/v1/counted/")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "Try again in a minute" in response.json()["detail"]
    assert elapsed < 3


@pytest.mark.django_db
def test_postgres_connections_have_a_connect_and_a_statement_timeout():
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 5
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "1min"


def test_the_development_server_holds_no_idle_connections():
    out = run_django(
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/anything",
    )
    assert out == "0"


@pytest.mark.django_db
def test_enqueueing_gives_up_within_5s_when_the_broker_hangs(silent_port):
    """A request that enqueues a task on a broker that accepts and never answers is not held:
    the publish times out (bounded socket waits, one retry), enqueue_on_commit logs it and the
    request goes on."""
    out = run_django(
        "import time\n"
        "from config.celery import app\n"
        "app.conf.task_always_eager = False\n"
        "app.loader.import_default_modules()\n"
        "from core.tasks import enqueue_on_commit\n"
        "started = time.monotonic()\n"
        "enqueue_on_commit(app.tasks['core.reminders_sweep'])\n"
        "print(round(time.monotonic() - started, 2))",
        REDIS_URL=f"redis://127.0.0.1:{silent_port}/0",
        DATABASE_URL="postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
    )
    assert float(out) < 5


@pytest.mark.django_db
def test_migrations_run_without_the_statement_timeout_but_with_a_lock_timeout(monkeypatch):
    """An index built on a large table may take longer than a request's 60 s; a migration
    waiting for a lock behind a long transaction must not hold the site behind it."""
    from django.core.management import call_command
    from django.core.management.commands import migrate

    seen = {}

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            for name in ("statement_timeout", "lock_timeout"):
                cursor.execute(f"SHOW {name}")
                seen[name] = cursor.fetchone()[0]

    monkeypatch.setattr(migrate.Command, "handle", handle)
    call_command("migrate", verbosity=0)
    assert seen == {"statement_timeout": "0", "lock_timeout": "10s"}
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "1min"
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "0"
