"""The embedded default: migrations, demo data and the main pages on SQLite with tasks in
process. `make test` runs this file a second time with a SQLite DATABASE_URL."""

import os

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.people.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]

PAGES = [
    "/",
    "/healthz",
    "/static/css/site.css",
    "/accounts/login/",
    "/accounts/signup/",
    "/api/docs/",
    "/api/schema/",
    "/programs/",
    "/programs/?q=kernel",
    "/programs/aurora/kernel-mentorship/",
    "/api/v1/programs/?q=kernel",
]


def test_main_pages_answer(client):
    call_command("load_demo")
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    assert client.login(email="admin.aurora@example.org", password=DEMO_PASSWORD)
    for url in [
        "/",
        "/me/",
        "/o/aurora/",
        "/o/aurora/members/",
        "/api/v1/me/",
        "/o/aurora/programs/kernel-mentorship/",
        "/api/v1/orgs/aurora/terms/",
    ]:
        assert client.get(url).status_code == 200, url


def test_engine_is_the_one_the_run_asked_for():
    # `make test` runs this file twice: on PostgreSQL, then with a SQLite DATABASE_URL.
    asked = os.environ.get("DATABASE_URL", "")
    expected = "sqlite3" if asked.startswith("sqlite") else "postgresql"
    assert settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1] == expected
