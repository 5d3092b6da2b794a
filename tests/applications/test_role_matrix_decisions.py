"""Who may do what in the decisions area: every role × every page and API action under
/o/<org>/ and /api/v1/orgs/<org>/, one test per cell (the /me/ routes answer only their
owner: see test_decisions_pages.py and test_decisions_api.py)."""

import pytest
from django_scopes import scopes_disabled

from accounts.organizations.services import organization_policy_update
from applications.apply.models import Application
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import module_storage_fixtures
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db
_module_storage, _private_storage = module_storage_fixtures()

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
MEMBERS_PAGE = {**PAGE, "*": 200}
MEMBERS_API = {**API, "*": 200}
ADMIN_PAGE = {**PAGE, "*": 403}
ADMIN_API = {**API, "*": 403}
TEXTS = {"decline_feedback": "Sorry, {program}.", "agreement_text": "I agree."}


@pytest.fixture(scope="module")
def world(shared_world, django_db_blocker):
    """The shared world plus the application waiting for a decision that this area's
    builder made (other areas' builders may also name one)."""
    with django_db_blocker.unblock(), scopes_disabled():
        shared_world.extra["waiting"] = Application.objects.get(
            applicant__display_name="alpha waiting applicant"
        )
    return shared_world


def _waiting(w):
    return w.extra["waiting"].public_id


TABLE = [
    # pages
    row("get", "applications:decision", MEMBERS_PAGE, application=_waiting),
    row("post", "applications:decision-accept", {**ADMIN_PAGE, "admin": 302}, application=_waiting),
    row(
        "post",
        "applications:decision-decline",
        {**ADMIN_PAGE, "admin": 302, "coordinator": 302},
        application=_waiting,
    ),
    row("get", "applications:term-decisions", MEMBERS_PAGE, term=...),
    row(
        "get",
        "applications:term-decline-unshortlisted",
        {**ADMIN_PAGE, "admin": 200, "coordinator": 200},
        term=...,
    ),
    row(
        "post",
        "applications:term-decline-unshortlisted",
        {**ADMIN_PAGE, "admin": 302, "coordinator": 302},
        data={"expected_count": 0},
        term=...,
    ),
    row("get", "applications:decision-texts", {**ADMIN_PAGE, "admin": 200}),
    row("get", "applications:program-decision-texts", {**ADMIN_PAGE, "admin": 200}, program=...),
    row(
        "post",
        "applications:program-decision-texts",
        {**ADMIN_PAGE, "admin": 302},
        data=TEXTS,
        program=...,
    ),
    row("get", "mentorship:org-mentorships", MEMBERS_PAGE),
    row("get", "mentorship:org-mentorship", MEMBERS_PAGE, mentorship=...),
    row(
        "post",
        "mentorship:org-mentorship",
        {**ADMIN_PAGE, "admin": 302},
        data={"reason": "No activity"},
        mentorship=...,
    ),
    # API
    row("get", "api:decisions-list", MEMBERS_API),
    row("get", "api:decisions-detail", MEMBERS_API, application=_waiting),
    row("post", "api:decisions-accept", {**ADMIN_API, "admin": 200}, application=_waiting),
    row(
        "post",
        "api:decisions-decline",
        {**ADMIN_API, "admin": 200, "coordinator": 200},
        application=_waiting,
    ),
    row("get", "api:decisions-history", {**ADMIN_API, "admin": 200}, application=_waiting),
    row(
        "post",
        "api:decisions-decline-unshortlisted",
        {**ADMIN_API, "admin": 200, "coordinator": 200},
        data=lambda w: {"term": w.params_a["term"], "expected_count": 0},
    ),
    row("get", "api:program-decision-texts", {**ADMIN_API, "admin": 200}, program=...),
    row(
        "patch",
        "api:program-decision-texts",
        {**ADMIN_API, "admin": 200},
        data=TEXTS,
        program=...,
    ),
    row("get", "api:mentorships-list", MEMBERS_API),
    row("get", "api:mentorships-detail", MEMBERS_API, mentorship=...),
    row(
        "post",
        "api:mentorships-end",
        {**ADMIN_API, "admin": 200},
        data={"reason": "No activity"},
        mentorship=...,
    ),
    row("get", "api:mentorships-history", {**ADMIN_API, "admin": 200}, mentorship=...),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_decisions_role_matrix(world, role_clients, cell, role):
    check_cell(world, role_clients, cell, role)


@pytest.fixture
def mentors_may_decide(world):
    with scopes_disabled():
        organization_policy_update(
            organization=world.a.organization, actor=world.a.admin, mentors_may_decide=True
        )
    return world


MENTORS_DECIDE = [
    row(
        "post",
        "api:decisions-decline",
        {**ADMIN_API, "admin": 200, "coordinator": 200, "mentor": 200},
        application=_waiting,
    ),
    row("post", "api:decisions-accept", {**ADMIN_API, "admin": 200}, application=_waiting),
]


@pytest.mark.parametrize(("cell", "role"), cells(MENTORS_DECIDE))
def test_mentors_decline_where_the_organization_lets_them(
    mentors_may_decide, role_clients, cell, role
):
    check_cell(mentors_may_decide, role_clients, cell, role)
