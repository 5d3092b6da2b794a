import pytest
from django.db import DEFAULT_DB_ALIAS, connections
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
