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


def test_the_review_and_decision_pages_answer(client):
    """The review area on the embedded default (its queries differ by engine: the skill
    filter, the CSV's cells, the applicant's neighbours)."""
    from django_scopes import scopes_disabled

    from applications.apply.models import Application

    call_command("load_demo")
    assert client.login(email="admin.aurora@example.org", password=DEMO_PASSWORD)
    with scopes_disabled():
        application = (
            Application.objects.filter(organization__slug="aurora", submitted_at__isnull=False)
            .exclude(state="draft")
            .order_by("-submitted_at")[1]
        )
    term = application.term_id
    for url in [
        f"/o/aurora/review/terms/{term}/",
        f"/o/aurora/review/terms/{term}/?state=submitted&skill=Python&sort=-score",
        f"/o/aurora/review/terms/{term}/applicants.csv",
        f"/o/aurora/terms/{term}/decisions/",
        f"/o/aurora/review/applicants/{application.public_id}/",
        "/me/reminders/",
        "/api/v1/me/reminders/",
    ]:
        answer = client.get(url)
        assert answer.status_code == 200, url
        if url.endswith(".csv"):
            b"".join(answer.streaming_content)
    page = client.get(f"/o/aurora/review/applicants/{application.public_id}/").content.decode()
    assert 'rel="prev"' in page and 'rel="next"' in page


def test_engine_is_the_one_the_run_asked_for():
    # `make test` runs this file twice: on PostgreSQL, then with a SQLite DATABASE_URL.
    asked = os.environ.get("DATABASE_URL", "")
    expected = "sqlite3" if asked.startswith("sqlite") else "postgresql"
    assert settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1] == expected
