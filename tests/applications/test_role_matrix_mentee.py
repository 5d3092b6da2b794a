"""Who may use the mentee's pages and API: the applicant only. Everyone else (another
mentee, the organization's admin, coordinator and mentor, platform staff, another tenant's
admin) gets the 404 of a missing application; anonymous visitors a login redirect or 401.
Reviewers reach applications through the review area's pages, never through /me/. One
test per cell."""

import pytest

from tests.applications.mentee_fixtures import add_prerequisite, answer, complete_mentee, start
from tests.factories.profiles import pdf_upload
from tests.factories.programs import CycleFactory, ProgramFactory, make_term
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import module_storage_fixtures, signed_in
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db
_module_storage, _private_storage = module_storage_fixtures()

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


@pytest.fixture(scope="module")
def world(shared_world, django_db_blocker):
    """The shared world plus two mentees, a term of A with two prerequisites, and the
    owner's application to it with one answer (a file)."""
    with django_db_blocker.unblock():
        owner = complete_mentee("owner@mentee.test")
        other = complete_mentee("other@mentee.test")
        term = make_term(ProgramFactory(organization=shared_world.a.organization), CycleFactory())
        challenge = add_prerequisite(term, kind="coding_challenge")
        enrollment = add_prerequisite(term, kind="proof_of_enrollment")
        application = start(owner, term)
        answer(application, enrollment, upload=pdf_upload())
        shared_world.extra.update(
            owner=owner,
            other_mentee=other,
            mentee_term=term.pk,
            challenge=challenge.pk,
            enrollment=enrollment.pk,
            owned=application.public_id,
        )
    return shared_world


@pytest.fixture(scope="module")
def clients(world, role_clients, django_db_blocker):
    with django_db_blocker.unblock():
        return {
            **role_clients,
            "owner": signed_in(world.extra["owner"]),
            "other_mentee": signed_in(world.extra["other_mentee"]),
        }


def _app(w):
    return w.extra["owned"]


def _challenge(w):
    return w.extra["challenge"]


def _enrollment(w):
    return w.extra["enrollment"]


def _term(w):
    return w.extra["mentee_term"]


def _url_of_challenge(w):
    return {f"p{w.extra['challenge']}-url": "https://example.org"}


TABLE = [
    row("get", "applications:my-application", OWNER_ONLY_PAGE, org=False, application=_app),
    row(
        "post",
        "applications:my-application-cover-letter",
        {**OWNER_ONLY_PAGE, "owner": 302},
        data={"cover_letter": "Hi"},
        org=False,
        application=_app,
    ),
    row(
        "post",
        "applications:my-application-answer",
        {**OWNER_ONLY_PAGE, "owner": 302},
        data=_url_of_challenge,
        org=False,
        application=_app,
        prerequisite=_challenge,
    ),
    row(
        "get",
        "applications:my-application-answer-file",
        OWNER_ONLY_PAGE,
        org=False,
        application=_app,
        prerequisite=_enrollment,
    ),
    row(
        "post",
        "applications:my-application-submit",
        {**OWNER_ONLY_PAGE, "owner": 302},
        org=False,
        application=_app,
    ),
    row(
        "get", "applications:my-application-withdraw", OWNER_ONLY_PAGE, org=False, application=_app
    ),
    row(
        "post",
        "applications:my-application-withdraw",
        {**OWNER_ONLY_PAGE, "owner": 302},
        data={},
        org=False,
        application=_app,
    ),
    row(
        "post",
        "applications:my-application-rank",
        {**OWNER_ONLY_PAGE, "owner": 302},
        data={"direction": "up"},
        org=False,
        application=_app,
    ),
    row("get", "api:my-application", OWNER_ONLY_API, org=False, application=_app),
    row(
        "patch",
        "api:my-application",
        OWNER_ONLY_API,
        data={"cover_letter": "Hi"},
        org=False,
        application=_app,
    ),
    row(
        "put",
        "api:my-application-answer",
        OWNER_ONLY_API,
        data={"url": "https://example.org"},
        org=False,
        application=_app,
        prerequisite=_challenge,
    ),
    row(
        "get",
        "api:my-application-answer-file",
        OWNER_ONLY_API,
        org=False,
        application=_app,
        prerequisite=_enrollment,
    ),
    row(
        "post", "api:my-application-withdraw", OWNER_ONLY_API, data={}, org=False, application=_app
    ),
    # Personal lists and starting: any signed-in person, about themselves.
    row("get", "applications:my-applications", {"anonymous": 302, "*": 200}, org=False),
    row("get", "api:my-applications", {"anonymous": 401, "*": 200}, org=False),
    row(
        "get",
        "applications:my-application-start",
        {"anonymous": 302, "*": 200},
        org=False,
        term=_term,
    ),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE, ROLES))
def test_mentee_role_matrix(world, clients, cell, role):
    check_cell(world, clients, cell, role)
