"""Who may do what with programs, terms, cycles and the catalog: every role × every new
page and API action, one test per cell. Organization routes and staff and public routes
(no organization in the URL) go through the same cells (tests/isolation/matrix.py)."""

from datetime import timedelta

import pytest
from django_scopes import scope

from accounts.organizations.models import Role
from programs.cycles.models import Cycle
from programs.programs.models import ProgramStatus
from programs.terms.models import Milestone, Term
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.programs import ProgramFactory
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
ADMIN_ONLY_PAGE = {**PAGE, "*": 403}
ADMIN_ONLY_API = {**API, "*": 403}


@pytest.fixture(scope="module")
def world(shared_world, django_db_blocker):
    """The shared world plus a second mentor of A, an isolation cycle, and two programs of A
    that are not published (one waiting for staff, one draft)."""
    with django_db_blocker.unblock():
        second = UserFactory(email="second.mentor@alpha.test")
        MembershipFactory(organization=shared_world.a.organization, user=second, role=Role.MENTOR)
        organization = shared_world.a.organization
        shared_world.extra.update(
            second=second,
            cycle=Cycle.objects.get(name="Isolation cycle"),
            waiting=ProgramFactory(
                organization=organization, name="Waiting", status=ProgramStatus.SUBMITTED
            ),
            draft=ProgramFactory(
                organization=organization, name="Draft one", status=ProgramStatus.DRAFT
            ),
        )
    return shared_world


def _timeline_post(w) -> dict:
    term_pk = w.params_a["term"]
    with scope(organization=Term.objects.with_scopes_disabled().get(pk=term_pk).organization):
        return {m.kind: f"{m.at:%Y-%m-%dT%H:%M}" for m in Milestone.objects.filter(term_id=term_pk)}


def _new_term(w) -> dict:
    cycle = w.extra["cycle"]
    start = (cycle.applications_open_at + timedelta(days=40)).date().isoformat()
    return {"cycle": cycle.pk, "kind": "part_time", "start_date": start, "capacity": 2}


NEW_PROGRAM = {"name": "Matrix program", "description": "Learn things."}
CUSTOM = {"kind": "custom", "title": "Matrix", "answer_type": "text"}

TABLE = [
    # pages
    row("get", "programs:org-home", {**PAGE, "*": 200}),
    row("get", "programs:program-create", {**ADMIN_ONLY_PAGE, "admin": 200}),
    row("post", "programs:program-create", {**ADMIN_ONLY_PAGE, "admin": 302}, data=NEW_PROGRAM),
    row("get", "programs:program-detail", {**PAGE, "*": 200}, program=...),
    row("get", "programs:program-edit", {**ADMIN_ONLY_PAGE, "admin": 200}, program=...),
    row(
        "post",
        "programs:program-edit",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data=NEW_PROGRAM,
        program=...,
    ),
    row("post", "programs:program-submit", {**ADMIN_ONLY_PAGE, "admin": 302}, program=...),
    row("post", "programs:program-archive", {**ADMIN_ONLY_PAGE, "admin": 302}, program=...),
    row("get", "programs:term-create", {**ADMIN_ONLY_PAGE, "admin": 200}, program=...),
    row(
        "post",
        "programs:term-create",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data=_new_term,
        program=...,
    ),
    row("get", "programs:term-detail", {**PAGE, "*": 200}, term=...),
    row(
        "post",
        "programs:term-capacity",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data={"capacity": 5},
        term=...,
    ),
    row("get", "programs:term-timeline", {**ADMIN_ONLY_PAGE, "admin": 200}, term=...),
    row(
        "post",
        "programs:term-timeline",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data=_timeline_post,
        term=...,
    ),
    row("post", "programs:term-open", {**ADMIN_ONLY_PAGE, "admin": 302}, term=...),
    row("post", "programs:term-close", {**ADMIN_ONLY_PAGE, "admin": 302}, term=...),
    row("post", "programs:term-delete", {**ADMIN_ONLY_PAGE, "admin": 302}, term=...),
    row(
        "post",
        "programs:term-mentor-add",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data=lambda w: {"user": w.extra["second"].pk},
        term=...,
    ),
    row(
        "post",
        "programs:term-mentor-primary",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        term=...,
        mentor=...,
    ),
    row(
        "post",
        "programs:term-mentor-remove",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        term=...,
        mentor=...,
    ),
    row(
        "post",
        "programs:term-prerequisite-add",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data=CUSTOM,
        term=...,
    ),
    row("get", "programs:standing-prerequisites", {**PAGE, "*": 200}),
    row(
        "post",
        "programs:standing-prerequisites",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data={"kind": "resume"},
    ),
    row(
        "post",
        "programs:prerequisite-delete",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        prerequisite=...,
    ),
    # API
    row("get", "api:programs-list", {**API, "*": 200}),
    row("post", "api:programs-list", {**ADMIN_ONLY_API, "admin": 201}, data=NEW_PROGRAM),
    row("get", "api:programs-detail", {**API, "*": 200}, program=...),
    row(
        "patch",
        "api:programs-detail",
        {**ADMIN_ONLY_API, "admin": 200},
        data={"description": "Changed."},
        program=...,
    ),
    # Already approved: the admin may try, and is told why not.
    row("post", "api:programs-submit", {**ADMIN_ONLY_API, "admin": 400}, program=...),
    row("post", "api:programs-archive", {**ADMIN_ONLY_API, "admin": 200}, program=...),
    row("get", "api:terms-list", {**API, "*": 200}),
    row(
        "post",
        "api:terms-list",
        {**ADMIN_ONLY_API, "admin": 201},
        data=lambda w: {**_new_term(w), "program": w.params_a["program"]},
    ),
    row("get", "api:terms-detail", {**API, "*": 200}, term=...),
    row(
        "patch",
        "api:terms-detail",
        {**ADMIN_ONLY_API, "admin": 200},
        data={"capacity": 4},
        term=...,
    ),
    row("delete", "api:terms-detail", {**ADMIN_ONLY_API, "admin": 204}, term=...),
    row("post", "api:terms-open", {**ADMIN_ONLY_API, "admin": 200}, term=...),
    row("post", "api:terms-close", {**ADMIN_ONLY_API, "admin": 200}, term=...),
    row("get", "api:milestones-list", {**API, "*": 200}),
    row("get", "api:milestones-detail", {**API, "*": 200}, milestone=...),
    row(
        "patch",
        "api:milestones-detail",
        {**ADMIN_ONLY_API, "admin": 200},
        data=lambda w: {"at": _timeline_post(w)["midterm"] + ":00Z"},
        milestone=...,
    ),
    row("get", "api:term-mentors-list", {**API, "*": 200}),
    row("get", "api:term-mentors-detail", {**API, "*": 200}, mentor=...),
    row(
        "post",
        "api:term-mentors-list",
        {**ADMIN_ONLY_API, "admin": 201},
        data=lambda w: {"term": w.params_a["term"], "user": str(w.extra["second"].public_id)},
    ),
    row(
        "patch",
        "api:term-mentors-detail",
        {**ADMIN_ONLY_API, "admin": 200},
        data={"is_primary": True},
        mentor=...,
    ),
    row("delete", "api:term-mentors-detail", {**ADMIN_ONLY_API, "admin": 204}, mentor=...),
    row("get", "api:prerequisites-list", {**API, "*": 200}),
    row("get", "api:prerequisites-detail", {**API, "*": 200}, prerequisite=...),
    row(
        "post",
        "api:prerequisites-list",
        {**ADMIN_ONLY_API, "admin": 201},
        data=lambda w: {**CUSTOM, "term": w.params_a["term"]},
    ),
    row(
        "delete",
        "api:prerequisites-detail",
        {**ADMIN_ONLY_API, "admin": 204},
        prerequisite=...,
    ),
    # A term's reminders (programs/term_reminders): admins only.
    row("get", "programs:term-reminders", {**ADMIN_ONLY_PAGE, "admin": 200}, term=...),
    row(
        "post",
        "programs:term-reminders",
        {**ADMIN_ONLY_PAGE, "admin": 302},
        data={"rule": "applications.close_tomorrow", "action": "pause"},
        term=...,
    ),
    row("get", "api:term-reminders", {**ADMIN_ONLY_API, "admin": 200}, term=...),
    # A term's announcements (mentorship/announcements): admins only.
    row("get", "mentorship:term-announcements", {**ADMIN_ONLY_PAGE, "admin": 200}, term=...),
    row(
        "post",
        "mentorship:term-announcements",
        {**ADMIN_ONLY_PAGE, "admin": 200},
        data={"audience": "mentors", "subject": "Hello", "body": "Meeting."},
        term=...,
    ),
    row("get", "api:term-announcements", {**ADMIN_ONLY_API, "admin": 200}, term=...),
    row(
        "post",
        "api:term-announcements",
        {**ADMIN_ONLY_API, "admin": 200},
        data={"audience": "mentors", "subject": "Hello", "body": "Meeting."},
        term=...,
    ),
    row(
        "post",
        "api:term-reminders",
        {**ADMIN_ONLY_API, "admin": 200},
        data={"rule": "applications.close_tomorrow", "paused": True},
        term=...,
    ),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_programs_role_matrix(world, role_clients, cell, role):
    check_cell(world, role_clients, cell, role)


STAFF_PAGE = {"*": 404, "staff": 200, "anonymous": 302}
STAFF_POST = {"*": 404, "staff": 302, "anonymous": 302}
STAFF_API = {"*": 404, "staff": 200, "anonymous": 401}
NEW_CYCLE = {
    "name": "Matrix cycle",
    "applications_open_at": "2031-01-01T18:00",
    "applications_close_at": "2031-02-01T18:00",
    "results_announced_at": "2031-02-10T18:00",
    "max_active_applications": 3,
}


def _cycle(w):
    return [w.extra["cycle"].pk]


def _waiting(w):
    return [w.extra["waiting"].pk]


def _public(program_key):
    def args(w):
        program = w.params_a["program"] if program_key is None else w.extra[program_key].slug
        return [w.params_a["org"], program]

    return args


STAFF_AND_PUBLIC = [
    row("get", "programs:staff-cycles", STAFF_PAGE, org=False),
    row("post", "programs:staff-cycles", STAFF_POST, data=NEW_CYCLE, org=False),
    row("get", "programs:staff-cycle-edit", STAFF_PAGE, args=_cycle),
    row("get", "programs:staff-programs", STAFF_PAGE, org=False),
    row("get", "programs:staff-program", STAFF_PAGE, args=_waiting),
    row("post", "programs:staff-program-approve", STAFF_POST, args=_waiting),
    row(
        "post",
        "programs:staff-program-reject",
        STAFF_POST,
        data={"reason": "Add expected outcomes."},
        args=_waiting,
    ),
    row("get", "api:staff-cycles-list", STAFF_API, org=False),
    row("get", "api:staff-cycles-detail", STAFF_API, args=_cycle),
    row(
        "post",
        "api:staff-cycles-list",
        {**STAFF_API, "staff": 201},
        data={
            **NEW_CYCLE,
            "applications_open_at": "2031-01-01T18:00:00Z",
            "applications_close_at": "2031-02-01T18:00:00Z",
            "results_announced_at": "2031-02-10T18:00:00Z",
        },
        org=False,
    ),
    row(
        "patch",
        "api:staff-cycles-detail",
        STAFF_API,
        data={"max_active_applications": 4},
        args=_cycle,
    ),
    row("get", "api:staff-programs-list", STAFF_API, org=False),
    row("get", "api:staff-programs-detail", STAFF_API, args=_waiting),
    row("post", "api:staff-programs-approve", STAFF_API, args=_waiting),
    row(
        "post",
        "api:staff-programs-reject",
        STAFF_API,
        data={"reason": "Needs a code of conduct."},
        args=_waiting,
    ),
    # public: anyone
    row("get", "programs:catalog", {"*": 200}, org=False),
    row("get", "programs:public-program", {"*": 200}, args=_public(None)),
    row("get", "api:catalog", {"*": 200}, org=False),
    row("get", "api:catalog-program", {"*": 200}, args=_public(None)),
    row("get", "api:cycles", {"*": 200}, org=False),
    row("get", "api:cycle", {"*": 200}, args=_cycle),
    # an unpublished program: a preview for its members only, a 404 for everyone else
    row(
        "get",
        "programs:public-program",
        {"*": 404, "admin": 200, "coordinator": 200, "mentor": 200},
        case="draft",
        args=_public("draft"),
    ),
    row("get", "api:catalog-program", {"*": 404}, case="draft", args=_public("draft")),
]


@pytest.mark.parametrize(("cell", "role"), cells(STAFF_AND_PUBLIC))
def test_staff_and_public_role_matrix(world, role_clients, cell, role):
    check_cell(world, role_clients, cell, role)
