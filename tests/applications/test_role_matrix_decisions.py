"""Who may do what in the decisions area: every role × every page and API action under
/o/<org>/ and /api/v1/orgs/<org>/ (the /me/ routes answer only their owner: see
test_decisions_pages.py and test_decisions_api.py)."""

import pytest
from django_scopes import scopes_disabled

from applications.apply.models import Application
from tests.isolation.matrix import matrix_failures, row
from tests.isolation.world import build_world

pytestmark = pytest.mark.django_db

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
MEMBERS_PAGE = {**PAGE, "*": 200}
MEMBERS_API = {**API, "*": 200}
ADMIN_PAGE = {**PAGE, "*": 403}
ADMIN_API = {**API, "*": 403}


def test_decisions_role_matrix():
    world = build_world()
    with scopes_disabled():
        # The application this area's builder made (other areas' builders may also name one).
        waiting = Application.objects.get(applicant__display_name="alpha waiting applicant")
    app = {"application": waiting.public_id}
    mentorship = {"mentorship": world.params_a["mentorship"]}
    term = {"term": world.params_a["term"]}
    program = {"program": world.params_a["program"]}
    texts = {"decline_feedback": "Sorry, {program}.", "agreement_text": "I agree."}
    table = [
        # pages
        row("get", "applications:decision", MEMBERS_PAGE, **app),
        row("post", "applications:decision-accept", {**ADMIN_PAGE, "admin": 302}, **app),
        row(
            "post",
            "applications:decision-decline",
            {**ADMIN_PAGE, "admin": 302, "coordinator": 302},
            **app,
        ),
        row("get", "applications:term-decisions", MEMBERS_PAGE, **term),
        row(
            "get",
            "applications:term-decline-unshortlisted",
            {**ADMIN_PAGE, "admin": 200, "coordinator": 200},
            **term,
        ),
        row(
            "post",
            "applications:term-decline-unshortlisted",
            {**ADMIN_PAGE, "admin": 302, "coordinator": 302},
            data={"expected_count": 0},
            **term,
        ),
        row("get", "applications:decision-texts", {**ADMIN_PAGE, "admin": 200}),
        row("get", "applications:program-decision-texts", {**ADMIN_PAGE, "admin": 200}, **program),
        row(
            "post",
            "applications:program-decision-texts",
            {**ADMIN_PAGE, "admin": 302},
            data=texts,
            **program,
        ),
        row("get", "mentorship:org-mentorships", MEMBERS_PAGE),
        row("get", "mentorship:org-mentorship", MEMBERS_PAGE, **mentorship),
        row(
            "post",
            "mentorship:org-mentorship",
            {**ADMIN_PAGE, "admin": 302},
            data={"reason": "No activity"},
            **mentorship,
        ),
        # API
        row("get", "api:decisions-list", MEMBERS_API),
        row("get", "api:decisions-detail", MEMBERS_API, **app),
        row("post", "api:decisions-accept", {**ADMIN_API, "admin": 200}, **app),
        row(
            "post", "api:decisions-decline", {**ADMIN_API, "admin": 200, "coordinator": 200}, **app
        ),
        row("get", "api:decisions-history", {**ADMIN_API, "admin": 200}, **app),
        row(
            "post",
            "api:decisions-decline-unshortlisted",
            {**ADMIN_API, "admin": 200, "coordinator": 200},
            data={"term": world.params_a["term"], "expected_count": 0},
        ),
        row("get", "api:program-decision-texts", MEMBERS_API, **program),
        row(
            "patch",
            "api:program-decision-texts",
            {**ADMIN_API, "admin": 200},
            data=texts,
            **program,
        ),
        row("get", "api:mentorships-list", MEMBERS_API),
        row("get", "api:mentorships-detail", MEMBERS_API, **mentorship),
        row(
            "post",
            "api:mentorships-end",
            {**ADMIN_API, "admin": 200},
            data={"reason": "No activity"},
            **mentorship,
        ),
        row("get", "api:mentorships-history", {**ADMIN_API, "admin": 200}, **mentorship),
    ]
    failures = matrix_failures(world, table)
    assert not failures, "\n".join(failures)


def test_mentors_decline_where_the_organization_lets_them(client):
    from accounts.organizations.services import organization_policy_update

    world = build_world()
    with scopes_disabled():
        waiting = Application.objects.get(applicant__display_name="alpha waiting applicant")
        organization_policy_update(
            organization=world.a.organization, actor=world.a.admin, mentors_may_decide=True
        )
    table = [
        row(
            "post",
            "api:decisions-decline",
            {**ADMIN_API, "admin": 200, "coordinator": 200, "mentor": 200},
            application=waiting.public_id,
        ),
        row(
            "post",
            "api:decisions-accept",
            {**ADMIN_API, "admin": 200},
            application=waiting.public_id,
        ),
    ]
    failures = matrix_failures(world, table)
    assert not failures, "\n".join(failures)
