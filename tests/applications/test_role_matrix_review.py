"""Who may do what in the review area: every role × every page and API action. The world's
mentor is the primary mentor of `term` (programs' builder) but not of `applied_term`
(where the world's `application` is), so both sides of "mentor of this term" are checked."""

import pytest
from django_scopes import scopes_disabled

from programs.terms.models import Term
from tests.applications.review_data import make_applicant
from tests.isolation.matrix import matrix_failures, row
from tests.isolation.world import build_world

pytestmark = pytest.mark.django_db

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
SCORES = {"skills": 4, "motivation": 4, "communication": 5, "availability": 3}


def test_review_role_matrix():
    world = build_world()
    with scopes_disabled():
        term = Term.objects.get(pk=world.params_a["term"])
    mine = make_applicant(term, name="Matrix Applicant").public_id  # the mentor's term
    applied = world.params_a["applied_term"]
    reviewers = {"admin": 200, "coordinator": 200, "mentor": 200}
    org_wide = {"admin": 200, "coordinator": 200, "mentor": 404}
    admin_only = {"admin": 200, "coordinator": 403, "mentor": 403}
    table = [
        # pages
        row("get", "applications:review-dashboard", {**PAGE, **reviewers}, term=...),
        row("get", "applications:review-dashboard", {**PAGE, **org_wide}, term=applied),
        row("get", "applications:review-csv", {**PAGE, **reviewers}, term=...),
        row("get", "applications:review-csv", {**PAGE, **org_wide}, term=applied),
        row("get", "applications:review-applicant", {**PAGE, **reviewers}, application=mine),
        row("get", "applications:review-applicant", {**PAGE, **org_wide}, application=...),
        row(
            "post",
            "applications:review-save",
            {**PAGE, "*": 302},
            data=SCORES,
            application=mine,
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
            application=mine,
        ),
        row(
            "post",
            "applications:review-shortlist",
            {**PAGE, "admin": 302, "coordinator": 302, "mentor": 403},
            data={"shortlisted": "1"},
            application=mine,
        ),
        row(
            "get",
            "applications:review-answer-file",
            {**PAGE, **org_wide},
            application=...,
            answer=...,
        ),
        row("get", "applications:review-conflicts", {**PAGE, **admin_only}),
        # API
        row("get", "api:review-applicants", {**API, **reviewers}, term=...),
        row("get", "api:review-applicants", {**API, **org_wide}, term=applied),
        row("get", "api:review-applicants-csv", {**API, **reviewers}, term=...),
        row("get", "api:review-progress", {**API, **reviewers}, term=...),
        row("get", "api:review-progress", {**API, **org_wide}, term=applied),
        row("get", "api:review-applicant", {**API, **reviewers}, application=mine),
        row("get", "api:review-applicant", {**API, **org_wide}, application=...),
        row("get", "api:review-reviews", {**API, **reviewers}, application=mine),
        row("post", "api:review-reviews", {**API, "*": 201}, data=SCORES, application=mine),
        row(
            "patch",
            "api:review-review",
            {**API, "admin": 200, "coordinator": 403, "mentor": 404},
            data={"skills": 5},
            application=...,
            review=...,
        ),
        row(
            "post",
            "api:review-conflict",
            {**API, "*": 201},
            data={"relationship": "partner"},
            application=mine,
        ),
        row(
            "put",
            "api:review-shortlist",
            {**API, "admin": 200, "coordinator": 200, "mentor": 403},
            data={"shortlisted": True},
            application=mine,
        ),
        row("get", "api:review-conflicts", {**API, **admin_only}),
    ]
    failures = matrix_failures(world, table)
    assert not failures, "\n".join(failures)
