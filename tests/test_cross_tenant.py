"""The tenancy layer: `core.tenancy.cross_tenant` is the only door out of the tenant scope,
background tasks run inside the scope of the organization they are given, and /me/ views
get the person's own object with its scope entered."""

import re
from pathlib import Path

import pytest
from celery import shared_task
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django_filters import FilterSet, ModelChoiceFilter, ModelMultipleChoiceFilter
from django_scopes import ScopeError, get_scope

from accounts.tenancy import owned_object
from applications.apply.models import Application
from applications.apply.selectors.mine import my_application_get
from core.tasks import TenantTask
from programs import filters as programs_filters
from programs.programs import api as programs_api
from programs.programs.models import Program
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

PRODUCTION_APPS = (
    "accounts",
    "programs",
    "applications",
    "mentorship",
    "payments",
    "core",
    "config",
)
THE_DOOR = Path("core/tenancy.py")
# Every way django-scopes (or Django) offers to read past the scope: disabling it, a scope
# with the check turned off or with no organization, a manager's own scope, the base manager.
ESCAPE = re.compile(
    r"\b(with_)?scopes_disabled\b|_enabled\s*=\s*False|\bwith_scope\(|\b_base_manager\b"
    r"|\bscope\(\s*organization\s*=\s*None"
)


def _production_modules():
    root = Path(settings.BASE_DIR)
    for app in PRODUCTION_APPS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts:
                continue
            yield relative, path


def test_only_the_cross_tenant_decorator_disables_the_scope():
    offenders = []
    for relative, path in _production_modules():
        if relative == THE_DOOR:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if ESCAPE.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], (
        "Leave the tenant scope only through a function decorated with "
        "core.tenancy.cross_tenant:\n" + "\n".join(offenders)
    )


def test_the_walk_sees_the_production_apps():
    modules = {relative for relative, _ in _production_modules()}
    assert THE_DOOR in modules
    assert Path("mentorship/offers/tasks.py") in modules
    assert not any("migrations" in m.parts for m in modules)


# --- the Celery base task ---------------------------------------------------------------------


@shared_task(base=TenantTask, name="tests.program_names")
def program_names(*, organization_id: int) -> list[str]:
    return sorted(Program.objects.values_list("name", flat=True))


@shared_task(base=TenantTask, name="tests.program_of")
def program_of(*, organization_id: int, program_id: int) -> str | None:
    return Program.objects.filter(pk=program_id).values_list("name", flat=True).first()


@pytest.fixture
def two_programs(org_a, org_b):
    return (
        ProgramFactory(organization=org_a.organization, name="Alpha Kernel"),
        ProgramFactory(organization=org_b.organization, name="Beta Cloud"),
    )


def test_a_tenant_task_sees_only_its_organizations_rows(org_a, org_b, two_programs):
    assert program_names(organization_id=org_a.organization.pk) == ["Alpha Kernel"]
    assert program_names(organization_id=org_b.organization.pk) == ["Beta Cloud"]
    # through Celery's own call path too (eager in tests)
    result = program_names.apply(kwargs={"organization_id": org_b.organization.pk})
    assert result.get() == ["Beta Cloud"]


def test_a_tenant_task_cannot_reach_another_organizations_row(org_a, two_programs):
    _, other = two_programs
    assert program_of(organization_id=org_a.organization.pk, program_id=other.pk) is None


def test_a_tenant_task_without_an_organization_refuses_to_run(two_programs):
    with pytest.raises(TypeError, match="organization_id"):
        program_names()


def test_the_scope_ends_with_the_tenant_task(org_a, two_programs):
    program_names(organization_id=org_a.organization.pk)
    with pytest.raises(ScopeError):
        Program.objects.count()


# --- /me/ objects --------------------------------------------------------------------------


@pytest.fixture
def applications(org_a, org_b):
    cycle = CycleFactory(name="Now")
    mine = ApplicationFactory(
        term=make_term(ProgramFactory(organization=org_a.organization, name="Alpha"), cycle)
    )
    theirs = ApplicationFactory(
        term=make_term(ProgramFactory(organization=org_b.organization, name="Beta"), cycle)
    )
    return mine, theirs


def _request(user):
    request = RequestFactory().get("/me/")
    request.user = user
    return request


def test_owned_object_enters_the_objects_organization(applications):
    mine, theirs = applications
    request = _request(mine.applicant)
    with owned_object(request, my_application_get, mine.public_id) as found:
        assert found.pk == mine.pk
        assert get_scope()["organization"] == mine.organization_id
        # the other tenant's rows are out of reach inside the block
        assert not Application.objects.filter(pk=theirs.pk).exists()
        assert Application.objects.filter(pk=mine.pk).exists()
    with pytest.raises(ScopeError):
        Application.objects.count()


def test_another_persons_object_is_a_404(applications):
    mine, theirs = applications
    with pytest.raises(Http404):
        with owned_object(_request(mine.applicant), my_application_get, theirs.public_id):
            pytest.fail("entered someone else's application")
    with pytest.raises(Http404):
        with owned_object(_request(UserFactory()), my_application_get, mine.public_id):
            pytest.fail("entered someone else's application")


def test_a_malformed_id_is_a_404(applications):
    mine, _ = applications
    with pytest.raises(Http404):
        with owned_object(_request(mine.applicant), my_application_get, "not-a-uuid"):
            pytest.fail("found an object for a malformed id")


def test_another_persons_application_page_and_api_are_404(applications):
    mine, theirs = applications
    page = client_for(mine.applicant).get(f"/me/applications/{theirs.public_id}/")
    assert page.status_code == 404
    api = api_client_for(mine.applicant).get(f"/api/v1/me/applications/{theirs.public_id}/")
    assert api.status_code == 404
    assert client_for(mine.applicant).get(f"/me/applications/{mine.public_id}/").status_code == 200


# --- filtersets ---------------------------------------------------------------------------


def test_the_programs_filtersets_pick_no_model_rows():
    """They are declared at import time, outside any scope: a filter choosing among a
    tenant-owned model's rows would need that model's manager there."""
    filtersets = [
        value
        for module in (programs_filters, programs_api)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, FilterSet) and value is not FilterSet
    ]
    assert len(filtersets) >= 6
    for filterset in filtersets:
        for name, declared in filterset.base_filters.items():
            assert not isinstance(declared, ModelChoiceFilter | ModelMultipleChoiceFilter), (
                f"{filterset.__name__}.{name}"
            )


@pytest.mark.parametrize(
    "line",
    [
        "with scopes_disabled():",
        "Program.objects.with_scopes_disabled().all()",
        "with scope(_enabled=False):",
        "with scope(organization=None):",
        "Program.objects.with_scope(organization=None)",
        "Program._base_manager.all()",
    ],
)
def test_the_guard_knows_every_way_out_of_the_scope(line):
    assert ESCAPE.search(line)
