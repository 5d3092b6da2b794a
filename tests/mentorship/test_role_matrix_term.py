"""Who may do what with the term's work (evaluations, verdicts, feedback, tasks,
certificates, the term's mentorship list): every role × every page and API action under
/o/<org>/ and /api/v1/orgs/<org>/, one test per cell. The alpha mentor mentors the
isolation mentorship; /me/ routes answer only their owner (test_term_*.py)."""

import pytest
from django_scopes import scopes_disabled

from mentorship.mentorships.models import Mentorship
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
ADMIN_PAGE = {**PAGE, "*": 403, "admin": 200}
ADMIN_API = {**API, "*": 403, "admin": 200}
MENTOR_PAGE = {**PAGE, "*": 403, "admin": 200, "mentor": 200}
REVIEWERS_PAGE = {**PAGE, "*": 403, "admin": 200, "coordinator": 200}
REVIEWERS_API = {**API, "*": 403, "admin": 200, "coordinator": 200}


def _graduate(w):
    with scopes_disabled():
        return Mentorship.objects.get(
            organization=w.a.organization, mentee__display_name="alpha graduate mentee"
        ).public_id


RUBRIC = {"verdict": "pass", "progress": 4, "communication": 4}

TABLE = [
    row("get", "mentorship:org-evaluation-verdict", MENTOR_PAGE, mentorship=..., evaluation=...),
    row(
        "post",
        "mentorship:org-evaluation-verdict",
        MENTOR_PAGE,  # evaluation 1 already passed: the form shows why
        data=RUBRIC,
        case="already passed",
        mentorship=...,
        evaluation=...,
    ),
    row("get", "mentorship:org-evaluation-correct", ADMIN_PAGE, mentorship=..., evaluation=...),
    row(
        "post",
        "mentorship:org-evaluation-correct",
        {**ADMIN_PAGE, "admin": 302},
        data={"verdict": "fail", "reason": "Corrected"},
        mentorship=...,
        evaluation=...,
    ),
    row("get", "mentorship:org-task-new", MENTOR_PAGE, mentorship=...),
    row(
        "post",
        "mentorship:org-task-new",
        {**MENTOR_PAGE, "admin": 302, "mentor": 302},
        data={"title": "Matrix task", "due_date": "2031-01-10"},
        mentorship=...,
    ),
    row("get", "mentorship:org-task", MEMBERS_PAGE, mentorship=..., task=...),
    row(
        "post",
        "mentorship:org-task",
        MENTOR_PAGE,  # a task to do cannot be completed: the page shows why
        data={"action": "complete"},
        mentorship=...,
        task=...,
    ),
    row("get", "mentorship:org-task-file", {**PAGE, "*": 404}, mentorship=..., task=...),
    row("get", "mentorship:org-certificate-revoke", ADMIN_PAGE, mentorship=_graduate),
    row(
        "post",
        "mentorship:org-certificate-revoke",
        {**ADMIN_PAGE, "admin": 302},
        data={"reason": "Matrix"},
        mentorship=_graduate,
    ),
    row("get", "mentorship:org-term-mentorships", REVIEWERS_PAGE, term=...),
    row("get", "mentorship:org-term-mentorships-export", REVIEWERS_PAGE, term=...),
    row("get", "mentorship:org-term-task-new", MENTOR_PAGE, term=...),
    row("get", "api:evaluations-list", MEMBERS_API),
    row("get", "api:evaluations-detail", MEMBERS_API, evaluation=...),
    row(
        "post",
        "api:evaluations-verdict",
        {**API, "*": 403, "admin": 400, "mentor": 400},
        data=RUBRIC,
        evaluation=...,
    ),
    row(
        "post",
        "api:evaluations-correct",
        ADMIN_API,
        data={"verdict": "fail", "reason": "Corrected"},
        evaluation=...,
    ),
    row("get", "api:feedback-list", ADMIN_API),
    row("get", "api:tasks-list", MEMBERS_API),
    row("get", "api:tasks-detail", MEMBERS_API, task=...),
    row(
        "post",
        "api:tasks-list",
        {**API, "*": 403, "admin": 201, "mentor": 201},
        data=lambda w: {
            "mentorship": str(w.params_a["mentorship"]),
            "title": "Matrix task",
            "due_at": "2031-01-10T18:00:00Z",
        },
    ),
    row("post", "api:tasks-complete", {**API, "*": 403, "admin": 400, "mentor": 400}, task=...),
    row(
        "post",
        "api:tasks-send-back",
        {**API, "*": 403, "admin": 400, "mentor": 400},
        data={"comment": "Again"},
        task=...,
    ),
    row("get", "api:certificates-list", REVIEWERS_API),
    row("get", "api:certificates-detail", REVIEWERS_API, certificate=...),
    row("post", "api:certificates-revoke", ADMIN_API, data={"reason": "Matrix"}, certificate=...),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_role_matrix(shared_world, role_clients, cell, role):
    check_cell(shared_world, role_clients, cell, role)
