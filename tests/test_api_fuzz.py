"""schemathesis walks the OpenAPI schema with generated requests, as each role (anonymous,
mentee, mentor, coordinator, admin, staff), with a fixed seed: no request may produce a 5xx,
every response conforms to the schema (a documented status code and content type, a body
matching the documented schema), and no endpoint answers a role it should not."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.people.models import MenteeProfile
from accounts.tokens.services import api_token_create
from tests.conftest import make_tenant
from tests.factories.accounts import UserFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
PUBLIC_PREFIXES = ("/api/v1/programs/", "/api/v1/graduates/", "/api/v1/stats/")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _resolves(path: str) -> bool:
    # A path no route matches (e.g. an id with a dot) is a plain 404 for everyone.
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's own test client disconnects the same signals."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    alpha = make_tenant("alpha")
    make_tenant("beta")
    mentee = UserFactory(email="fuzz-mentee@x.test")
    MenteeProfile.objects.create(user=mentee, legal_name="Fuzz Mentee", country="GB")
    people = {
        "mentee": mentee,  # a member of no organization: a stranger to alpha
        "mentor": alpha.mentor,
        "coordinator": alpha.coordinator,
        "admin": alpha.admin,
        "staff": UserFactory(email="fuzz-staff@x.test", is_staff=True),
    }
    return {role: api_token_create(user=user, name="fuzz")[1] for role, user in people.items()}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    # FUZZ_EXAMPLES=200 make test (or pytest tests/test_api_fuzz.py) for a deeper run.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10")),
    derandomize=True,
    deadline=None,
    # Generated cases only: the schema's explicit examples include one per time zone
    # (hundreds), which would dominate the run without finding anything new.
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_never_fails_and_never_answers_the_wrong_role(case, tokens):
    if "org" in (case.path_parameters or {}):
        case.path_parameters["org"] = "alpha"
    path = case.formatted_path
    failures = []

    def conforms(response, who):
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:  # schemathesis groups the failed checks in one exception
            failures.append(f"{case.method} {path} as {who}: {failure}")

    anonymous = case.call()
    conforms(anonymous, "anonymous")
    calls = 1
    if not path.startswith(PUBLIC_PREFIXES) and _resolves(path):
        assert anonymous.status_code == 401, f"{case.method} {path} anonymous"
    for role, token in tokens.items():
        response = case.call(headers={"Authorization": f"Token {token}"})
        calls += 1
        conforms(response, role)
        if role == "mentee" and path.startswith("/api/v1/orgs/"):
            assert response.status_code == 404, f"{case.method} {path} as mentee (a stranger)"
        if role != "staff" and path.startswith("/api/v1/staff/"):
            assert response.status_code in (404, 405), f"{case.method} {path} as {role}"
    if os.environ.get("FUZZ_REPORT"):  # figures for a report: requests made, failures
        with open(os.environ["FUZZ_REPORT"], "a") as report:
            report.write(f"{calls} {len(failures)} {case.method} {path}\n")
    assert not failures, "\n\n".join(failures)
