"""Who may do what in the review area: every role × every page and API action, one test
per cell. The world's mentor is the primary mentor of `term` (programs' builder) but not of
`applied_term` (where the world's `application` is), so both sides of "mentor of this
term" are checked."""

import pytest
from django_scopes import scopes_disabled

from programs.terms.models import Term
from tests.applications.review_data import make_applicant
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import module_storage_fixtures
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db
_module_storage, _private_storage = module_storage_fixtures()

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
SCORES = {"skills": 4, "motivation": 4, "communication": 5, "availability": 3}
REVIEWERS = {"admin": 200, "coordinator": 200, "mentor": 200}
ORG_WIDE = {"admin": 200, "coordinator": 200, "mentor": 404}
ADMIN_ONLY = {"admin": 200, "coordinator": 403, "mentor": 403}


@pytest.fixture(scope="module")
def world(shared_world, django_db_blocker):
    """The shared world plus an application to the mentor's own term."""
    with django_db_blocker.unblock():
        with scopes_disabled():
            term = Term.objects.get(pk=shared_world.params_a["term"])
        shared_world.extra["mine"] = make_applicant(term, name="Matrix Applicant").public_id
    return shared_world


def _mine(w):
    return w.extra["mine"]


def _applied(w):
    return w.params_a["applied_term"]


TABLE = [
    # pages
    row("get", "applications:review-dashboard", {**PAGE, **REVIEWERS}, term=...),
    row("get", "applications:review-dashboard", {**PAGE, **ORG_WIDE}, term=_applied),
    row("get", "applications:review-csv", {**PAGE, **REVIEWERS}, term=...),
    row("get", "applications:review-csv", {**PAGE, **ORG_WIDE}, term=_applied),
    row("get", "applications:review-applicant", {**PAGE, **REVIEWERS}, application=_mine),
    row("get", "applications:review-applicant", {**PAGE, **ORG_WIDE}, application=...),
    row(
        "post",
        "applications:review-save",
        {**PAGE, "*": 302},
        data=SCORES,
        application=_mine,
    ),
    row(
        "post",
        "applications:review-save",
        # The coordinator declared a conflict with the world's application.
        {**PAGE, "admin": 302, "coordinator": 403, "mentor": 404},
        data=SCORES,
        application=...,
    ),
    row(
        "post",
        "applications:review-conflict",
        {**PAGE, "*": 302},
        data={"kind": "family"},
        application=_mine,
    ),
    row(
        "post",
        "applications:review-shortlist",
        {**PAGE, "admin": 302, "coordinator": 302, "mentor": 403},
        data={"shortlisted": "1"},
        application=_mine,
    ),
    row(
        "get",
        "applications:review-answer-file",
        {**PAGE, **ORG_WIDE},
        application=...,
        answer=...,
    ),
    row("get", "applications:review-conflicts", {**PAGE, **ADMIN_ONLY}),
    # API
    row("get", "api:review-applicants", {**API, **REVIEWERS}, term=...),
    row("get", "api:review-applicants", {**API, **ORG_WIDE}, term=_applied),
    row("get", "api:review-applicants-csv", {**API, **REVIEWERS}, term=...),
    row("get", "api:review-progress", {**API, **REVIEWERS}, term=...),
    row("get", "api:review-progress", {**API, **ORG_WIDE}, term=_applied),
    row("get", "api:review-applicant", {**API, **REVIEWERS}, application=_mine),
    row("get", "api:review-applicant", {**API, **ORG_WIDE}, application=...),
    row("get", "api:review-reviews", {**API, **REVIEWERS}, application=_mine),
    row("post", "api:review-reviews", {**API, "*": 201}, data=SCORES, application=_mine),
    row(
        "patch",
        "api:review-review",
        # The admin's own review; anyone else's answers like a missing one.
        {**API, "admin": 200, "coordinator": 404, "mentor": 404},
        data={"skills": 5},
        application=...,
        review=...,
    ),
    row(
        "post",
        "api:review-conflict",
        {**API, "*": 201},
        data={"relationship": "partner"},
        application=_mine,
    ),
    row(
        "put",
        "api:review-shortlist",
        {**API, "admin": 200, "coordinator": 200, "mentor": 403},
        data={"shortlisted": True},
        application=_mine,
    ),
    row("get", "api:review-conflicts", {**API, **ADMIN_ONLY}),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_review_role_matrix(world, role_clients, cell, role):
    check_cell(world, role_clients, cell, role)
