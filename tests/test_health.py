import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client, override_settings


@pytest.mark.django_db
def test_healthz_reports_database_and_redis_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down(client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "down"}


@pytest.mark.django_db
def test_healthz_is_503_when_database_is_down(client, monkeypatch):
    # The check opens its own connection (core/health.py); nothing listens on port 1.
    monkeypatch.setitem(connections.settings[DEFAULT_DB_ALIAS], "PORT", "1")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


@pytest.mark.django_db
def test_healthz_answers_plain_http_under_ssl_redirect():
    with override_settings(SECURE_SSL_REDIRECT=True):
        client = Client()
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 301


@pytest.mark.django_db
def test_healthz_reuses_one_pooled_redis_connection(client, settings):
    from core.health import _redis_client

    for _ in range(5):
        assert client.get("/healthz").status_code == 200
    pool = _redis_client(settings.REDIS_URL).connection_pool
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1


@pytest.mark.django_db
def test_the_database_connection_runs_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
