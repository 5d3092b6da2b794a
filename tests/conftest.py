"""Shared fixtures. Every tenant fixture builds two organizations, so isolation is always
in play: `org_a` is the one under test, `org_b` the other tenant."""

import os
import time
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from accounts.organizations.models import Role
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.workers import Workers

ARTIFACTS = settings.BASE_DIR / "test-artifacts"


@pytest.fixture(scope="session", autouse=True)
def _fresh_redis():
    """Each run (each xdist worker too) has its own cache and broker key prefix
    (settings.test.RUN_ID); start with none of its keys. Only this run's keys are deleted,
    so two suites sharing a Redis database never disturb each other."""
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for pattern in (f"*{settings.CACHE_KEY_PREFIX}*", f"test-{settings.RUN_ID}-*"):
            for key in client.scan_iter(match=pattern, count=1000):
                client.delete(key)


@dataclass
class Tenant:
    organization: object
    admin: object
    coordinator: object
    mentor: object


def make_tenant(slug: str) -> Tenant:
    organization = OrganizationFactory(slug=slug, name=slug.title())
    people = {}
    for role in Role:
        user = UserFactory(email=f"{role.value}@{slug}.test")
        MembershipFactory(organization=organization, user=user, role=role)
        people[role.value] = user
    return Tenant(organization=organization, **people)


@pytest.fixture
def org_a(db) -> Tenant:
    return make_tenant("alpha")


@pytest.fixture
def org_b(db) -> Tenant:
    return make_tenant("beta")


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@platform.test", is_staff=True)


@pytest.fixture
def stranger(db):
    return UserFactory(email="stranger@example.test")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def client_with_second_factor(user) -> Client:
    """A signed-in client whose session passed the second factor, as allauth records it after
    a TOTP code at sign-in (accounts/mfa.py: second_factor_passed)."""
    client = client_for(user)
    session = client.session
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def api_client_with_second_factor(user) -> APIClient:
    """An API client authenticated by a token created from a session that passed the second
    factor."""
    from accounts.tokens.services import api_token_create

    token, secret = api_token_create(user=user, name="second factor", second_factor=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def api_client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(config, items):
    # Browser tests need the ORM from Playwright's event-loop thread.
    if any(item.get_closest_marker("browser") for item in items):
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts login and signup attempts per IP in the cache (Redis); every test
    starts with none, so tests signing in from 127.0.0.1 never trip each other's limits."""
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(match=f"{settings.CACHE_KEY_PREFIX}:*allauth:rl:*"):
            client.delete(key)
    else:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def workers():
    """Real Celery workers in separate processes, all killed at the end (tests/workers.py)."""
    started = Workers()
    yield started
    started.stop_all()


@pytest.fixture
def celery_worker():
    """A real Celery worker in a thread of this process, on Redis (tasks stop running eagerly
    while it lives). Tasks store no result (settings); a test that waits for one asks with
    apply_async(ignore_result=False), as the ping check below does."""
    from celery.contrib.testing.tasks import ping
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert ping.apply_async(ignore_result=False).get(timeout=10) == "pong"
            yield
    finally:
        app.conf.task_always_eager = True
