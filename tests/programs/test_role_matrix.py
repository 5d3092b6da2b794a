"""Who may do what with programs, terms, cycles and the catalog: every role × every new
page and API action. Organization routes go through the shared matrix; staff and public
routes (no organization in the URL) through the same cells, by URL."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scope
from rest_framework.test import APIClient

from accounts.organizations.models import Role
from programs.cycles.models import Cycle
from programs.programs.models import ProgramStatus
from programs.terms.models import Milestone, Term
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.programs import ProgramFactory
from tests.isolation.matrix import ROLES, matrix_failures, row
from tests.isolation.world import build_world

pytestmark = pytest.mark.django_db

OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE = {**OUT, "anonymous": 302}
API = {**OUT, "anonymous": 401}
ADMIN_ONLY_PAGE = {**PAGE, "*": 403}
ADMIN_ONLY_API = {**API, "*": 403}


def _timeline_post(term_pk) -> dict:
    with scope(organization=Term.objects.with_scopes_disabled().get(pk=term_pk).organization):
        return {m.kind: f"{m.at:%Y-%m-%dT%H:%M}" for m in Milestone.objects.filter(term_id=term_pk)}


def _second_mentor(world):
    user = UserFactory(email="second.mentor@alpha.test")
    MembershipFactory(organization=world.a.organization, user=user, role=Role.MENTOR)
    return user


def test_programs_role_matrix():
    world = build_world()
    term = world.params_a["term"]
    cycle = Cycle.objects.get(name="Isolation cycle")
    start = (cycle.applications_open_at + timedelta(days=40)).date().isoformat()
    second = _second_mentor(world)
    new_program = {"name": "Matrix program", "description": "Learn things."}
    new_term = {"cycle": cycle.pk, "kind": "part_time", "start_date": start, "capacity": 2}
    custom = {"kind": "custom", "title": "Matrix", "answer_type": "text"}
    table = [
        # pages
        row("get", "programs:org-home", {**PAGE, "*": 200}),
        row("get", "programs:program-create", {**ADMIN_ONLY_PAGE, "admin": 200}),
        row("post", "programs:program-create", {**ADMIN_ONLY_PAGE, "admin": 302}, data=new_program),
        row("get", "programs:program-detail", {**PAGE, "*": 200}, program=...),
        row("get", "programs:program-edit", {**ADMIN_ONLY_PAGE, "admin": 200}, program=...),
        row(
            "post",
            "programs:program-edit",
            {**ADMIN_ONLY_PAGE, "admin": 302},
            data=new_program,
            program=...,
        ),
        row("post", "programs:program-submit", {**ADMIN_ONLY_PAGE, "admin": 302}, program=...),
        row("post", "programs:program-archive", {**ADMIN_ONLY_PAGE, "admin": 302}, program=...),
        row("get", "programs:term-create", {**ADMIN_ONLY_PAGE, "admin": 200}, program=...),
        row(
            "post",
            "programs:term-create",
            {**ADMIN_ONLY_PAGE, "admin": 302},
            data=new_term,
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
            data=_timeline_post(term),
            term=...,
        ),
        row("post", "programs:term-open", {**ADMIN_ONLY_PAGE, "admin": 302}, term=...),
        row("post", "programs:term-close", {**ADMIN_ONLY_PAGE, "admin": 302}, term=...),
        row("post", "programs:term-delete", {**ADMIN_ONLY_PAGE, "admin": 302}, term=...),
        row(
            "post",
            "programs:term-mentor-add",
            {**ADMIN_ONLY_PAGE, "admin": 302},
            data={"user": second.pk},
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
            data=custom,
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
        row("post", "api:programs-list", {**ADMIN_ONLY_API, "admin": 201}, data=new_program),
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
            data={**new_term, "program": world.params_a["program"]},
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
            data={"at": _timeline_post(term)["midterm"] + ":00Z"},
            milestone=...,
        ),
        row("get", "api:term-mentors-list", {**API, "*": 200}),
        row("get", "api:term-mentors-detail", {**API, "*": 200}, mentor=...),
        row(
            "post",
            "api:term-mentors-list",
            {**ADMIN_ONLY_API, "admin": 201},
            data={"term": term, "user": str(second.public_id)},
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
            data={**custom, "term": term},
        ),
        row(
            "delete",
            "api:prerequisites-detail",
            {**ADMIN_ONLY_API, "admin": 204},
            prerequisite=...,
        ),
    ]
    failures = matrix_failures(world, table)
    assert not failures, "\n".join(failures)


def _cells(world, method, url, expected, data=None):
    failures = []
    is_api = url.startswith("/api/")
    for role in ROLES:
        want = expected.get(role, expected.get("*"))
        client = APIClient() if is_api else Client()
        client.raise_request_exception = False
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        with transaction.atomic():
            kwargs = {"format": "json"} if is_api and data is not None else {}
            response = getattr(client, method)(url, data, **kwargs)
            transaction.set_rollback(True)
        if response.status_code != want:
            failures.append(
                f"{method.upper()} {url} as {role}: {response.status_code}, want {want}"
            )
    return failures


def test_staff_and_public_role_matrix():
    world = build_world()
    cycle = Cycle.objects.get(name="Isolation cycle")
    waiting = ProgramFactory(
        organization=world.a.organization, name="Waiting", status=ProgramStatus.SUBMITTED
    )
    draft = ProgramFactory(
        organization=world.a.organization, name="Draft one", status=ProgramStatus.DRAFT
    )
    staff_page = {"*": 404, "staff": 200, "anonymous": 302}
    staff_post = {"*": 404, "staff": 302, "anonymous": 302}
    staff_api = {"*": 404, "staff": 200, "anonymous": 401}
    new_cycle = {
        "name": "Matrix cycle",
        "applications_open_at": "2031-01-01T18:00",
        "applications_close_at": "2031-02-01T18:00",
        "results_announced_at": "2031-02-10T18:00",
        "max_active_applications": 3,
    }
    a, program = world.a.organization.slug, world.params_a["program"]
    cells = [
        ("get", reverse("programs:staff-cycles"), staff_page, None),
        ("post", reverse("programs:staff-cycles"), staff_post, new_cycle),
        ("get", reverse("programs:staff-cycle-edit", args=[cycle.pk]), staff_page, None),
        ("get", reverse("programs:staff-programs"), staff_page, None),
        ("get", reverse("programs:staff-program", args=[waiting.pk]), staff_page, None),
        ("post", reverse("programs:staff-program-approve", args=[waiting.pk]), staff_post, None),
        (
            "post",
            reverse("programs:staff-program-reject", args=[waiting.pk]),
            staff_post,
            {"reason": "Add expected outcomes."},
        ),
        ("get", reverse("api:staff-cycles-list"), staff_api, None),
        ("get", reverse("api:staff-cycles-detail", args=[cycle.pk]), staff_api, None),
        (
            "post",
            reverse("api:staff-cycles-list"),
            {**staff_api, "staff": 201},
            {
                **new_cycle,
                "applications_open_at": "2031-01-01T18:00:00Z",
                "applications_close_at": "2031-02-01T18:00:00Z",
                "results_announced_at": "2031-02-10T18:00:00Z",
            },
        ),
        (
            "patch",
            reverse("api:staff-cycles-detail", args=[cycle.pk]),
            staff_api,
            {"max_active_applications": 4},
        ),
        ("get", reverse("api:staff-programs-list"), staff_api, None),
        ("get", reverse("api:staff-programs-detail", args=[waiting.pk]), staff_api, None),
        ("post", reverse("api:staff-programs-approve", args=[waiting.pk]), staff_api, None),
        (
            "post",
            reverse("api:staff-programs-reject", args=[waiting.pk]),
            staff_api,
            {"reason": "Needs a code of conduct."},
        ),
        # public: anyone
        ("get", reverse("programs:catalog"), {"*": 200}, None),
        ("get", reverse("programs:public-program", args=[a, program]), {"*": 200}, None),
        ("get", reverse("api:catalog"), {"*": 200}, None),
        ("get", reverse("api:catalog-program", args=[a, program]), {"*": 200}, None),
        ("get", reverse("api:cycles"), {"*": 200}, None),
        ("get", reverse("api:cycle", args=[cycle.pk]), {"*": 200}, None),
        # an unpublished program: a preview for its members only, a 404 for everyone else
        (
            "get",
            reverse("programs:public-program", args=[a, draft.slug]),
            {"*": 404, "admin": 200, "coordinator": 200, "mentor": 200},
            None,
        ),
        ("get", reverse("api:catalog-program", args=[a, draft.slug]), {"*": 404}, None),
    ]
    failures = []
    for method, url, expected, data in cells:
        failures += _cells(world, method, url, expected, data)
    assert not failures, "\n".join(failures)
