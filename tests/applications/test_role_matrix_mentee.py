"""Who may use the mentee's pages and API: the applicant only. Everyone else (another
mentee, the organization's admin, coordinator and mentor, platform staff, another tenant's
admin) gets the 404 of a missing application; anonymous visitors a login redirect or 401.
Reviewers reach applications through the review area's pages, never through /me/."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import add_prerequisite, answer, complete_mentee, start
from tests.factories.profiles import pdf_upload
from tests.factories.programs import CycleFactory, ProgramFactory, make_term
from tests.isolation.world import build_world

pytestmark = pytest.mark.django_db

OWNER_ONLY_PAGE = {"owner": 200, "anonymous": 302, "*": 404}
OWNER_ONLY_API = {"owner": 200, "anonymous": 401, "*": 404}
ROLES = (
    "owner",
    "other_mentee",
    "admin",
    "coordinator",
    "mentor",
    "staff",
    "other_org_admin",
    "anonymous",
)


def _people(world, owner, other):
    return {
        "owner": owner,
        "other_mentee": other,
        "admin": world.a.admin,
        "coordinator": world.a.coordinator,
        "mentor": world.a.mentor,
        "staff": world.staff,
        "other_org_admin": world.b.admin,
        "anonymous": None,
    }


def test_mentee_role_matrix():
    world = build_world()
    owner = complete_mentee("owner@mentee.test")
    other = complete_mentee("other@mentee.test")
    term = make_term(ProgramFactory(organization=world.a.organization), CycleFactory())
    challenge = add_prerequisite(term, kind="coding_challenge")
    enrollment = add_prerequisite(term, kind="proof_of_enrollment")
    application = start(owner, term)
    answer(application, enrollment, upload=pdf_upload())
    app = {"application": application.public_id}
    people = _people(world, owner, other)
    table = [
        ("get", "applications:my-application", app, None, OWNER_ONLY_PAGE),
        (
            "post",
            "applications:my-application-cover-letter",
            app,
            {"cover_letter": "Hi"},
            {**OWNER_ONLY_PAGE, "owner": 302},
        ),
        (
            "post",
            "applications:my-application-answer",
            {**app, "prerequisite": challenge.pk},
            {f"p{challenge.pk}-url": "https://example.org"},
            {**OWNER_ONLY_PAGE, "owner": 302},
        ),
        (
            "get",
            "applications:my-application-answer-file",
            {**app, "prerequisite": enrollment.pk},
            None,
            OWNER_ONLY_PAGE,
        ),
        (
            "post",
            "applications:my-application-submit",
            app,
            None,
            {**OWNER_ONLY_PAGE, "owner": 302},
        ),
        ("get", "applications:my-application-withdraw", app, None, OWNER_ONLY_PAGE),
        (
            "post",
            "applications:my-application-withdraw",
            app,
            {},
            {**OWNER_ONLY_PAGE, "owner": 302},
        ),
        (
            "post",
            "applications:my-application-rank",
            app,
            {"direction": "up"},
            {**OWNER_ONLY_PAGE, "owner": 302},
        ),
        ("get", "api:my-application", app, None, OWNER_ONLY_API),
        ("patch", "api:my-application", app, {"cover_letter": "Hi"}, OWNER_ONLY_API),
        (
            "put",
            "api:my-application-answer",
            {**app, "prerequisite": challenge.pk},
            {"url": "https://example.org"},
            OWNER_ONLY_API,
        ),
        (
            "get",
            "api:my-application-answer-file",
            {**app, "prerequisite": enrollment.pk},
            None,
            OWNER_ONLY_API,
        ),
        ("post", "api:my-application-withdraw", app, {}, OWNER_ONLY_API),
        # Personal lists and starting: any signed-in person, about themselves.
        ("get", "applications:my-applications", {}, None, {"anonymous": 302, "*": 200}),
        ("get", "api:my-applications", {}, None, {"anonymous": 401, "*": 200}),
        (
            "get",
            "applications:my-application-start",
            {"term": term.pk},
            None,
            {"anonymous": 302, "*": 200},
        ),
    ]
    failures = []
    for method, name, kwargs, data, expected in table:
        url = reverse(name, kwargs=kwargs or None)
        for role in ROLES:
            want = expected.get(role, expected.get("*"))
            client = APIClient() if name.startswith("api:") else Client()
            client.raise_request_exception = False
            if people[role] is not None:
                client.force_login(people[role])
            with transaction.atomic():
                extra = {"format": "json"} if name.startswith("api:") and data is not None else {}
                response = getattr(client, method)(url, data, **extra)
                transaction.set_rollback(True)
            if response.status_code != want:
                failures.append(
                    f"{method.upper()} {url} as {role}: {response.status_code}, expected {want}"
                )
    assert not failures, "\n".join(failures)
