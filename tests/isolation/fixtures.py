"""The world, built once per test module (and per xdist worker) and shared by its tests.

`shared_world` opens a transaction around the whole module, builds the world in it and rolls
it back after the module's last test; each test runs in a savepoint inside (pytest-django's
`db`), so what a test writes is gone before the next one. One signed-in client per role
is made in the same transaction (sessions live in the database), and reused by every test
of the module. Import the fixtures into a test module:
`from tests.isolation.fixtures import *  # noqa: F403`."""

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from tests.isolation.world import build_world, foreign_traces

__all__ = ["module_transaction", "role_clients", "shared_world", "traces"]

ROLES = ("staff", "admin", "coordinator", "mentor", "other_org_admin", "stranger", "anonymous")


def signed_in(user) -> APIClient:
    """A client for pages and the API (APIClient is Django's Client plus `format=`)."""
    client = APIClient()
    client.raise_request_exception = False  # a 500 is a finding, not a crash of the test
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """Everything made in module-scoped fixtures that request this is rolled back at the
    module's end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_world(module_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        return build_world()


@pytest.fixture(scope="module")
def traces(shared_world, django_db_blocker):
    with django_db_blocker.unblock():
        return foreign_traces(shared_world)


@pytest.fixture(scope="module")
def role_clients(shared_world, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return {role: signed_in(shared_world.user(role)) for role in ROLES}


def module_storage_fixtures():
    """For test modules under tests/applications/, whose conftest gives each test its own
    empty storage: the module's world keeps its files (uploaded when it is built) in one
    storage for the whole module instead. Use as
    `_module_storage, _private_storage = module_storage_fixtures()`."""
    from django.test import override_settings

    @pytest.fixture(scope="module", autouse=True)
    def _module_storage(tmp_path_factory):
        from django.conf import settings

        location = str(tmp_path_factory.mktemp("private-media"))
        storages = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": location},
            },
        }
        with override_settings(STORAGES=storages):
            yield

    @pytest.fixture
    def _private_storage():
        """Replaces the per-test storage of tests/applications/conftest.py."""

    return _module_storage, _private_storage
