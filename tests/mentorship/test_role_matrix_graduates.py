"""Role matrix of the graduates and statistics pages and API, with two more roles: an
approved employer and a graduate with a published profile. Organization roles get nothing
from the employer pages; employers get nothing from the staff queue."""

import pytest
from django.utils import timezone

from mentorship.graduates.models import Employer, EmployerMember, EmployerStatus, GraduateProfile
from tests.factories.accounts import UserFactory
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import ROLES, signed_in
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db

MATRIX_ROLES = (*ROLES, "employer", "graduate")
NOT_EMPLOYER_PAGE = {"*": 200, "anonymous": 302}  # the "ask for an account" page
EMPLOYER_ONLY_PAGE = {"*": 404, "employer": 200, "anonymous": 302}
EMPLOYER_ONLY_API = {"*": 404, "employer": 200, "anonymous": 401}
STAFF_PAGE = {"*": 404, "staff": 200, "anonymous": 302}
PUBLIC = {"*": 200}
OWN_PROFILE_API = {"*": 404, "graduate": 200, "anonymous": 401}

TABLE = [
    row("get", "mentorship:employer-directory", NOT_EMPLOYER_PAGE, org=False),
    row("get", "mentorship:employer-interests", EMPLOYER_ONLY_PAGE, org=False),
    row("get", "mentorship:employer-colleagues", EMPLOYER_ONLY_PAGE, org=False),
    row("get", "mentorship:staff-employers", STAFF_PAGE, org=False),
    row("get", "mentorship:graduates", PUBLIC, org=False),
    row("get", "mentorship:stats", PUBLIC, org=False),
    row(
        "get",
        "mentorship:me-graduate-interests",
        {**EMPLOYER_ONLY_PAGE, "employer": 404, "graduate": 200},
        org=False,
    ),
    row("get", "api:employer-graduates-list", EMPLOYER_ONLY_API, org=False),
    row("get", "api:employer-interests-list", EMPLOYER_ONLY_API, org=False),
    row("get", "api:public-graduates-list", PUBLIC, org=False),
    row("get", "api:stats", PUBLIC, org=False),
    row("get", "api:my-graduate-profile", OWN_PROFILE_API, org=False),
    row("get", "api:employer-account", EMPLOYER_ONLY_API, org=False),
    row("get", "api:employer-colleagues", EMPLOYER_ONLY_API, org=False),
    row("get", "api:staff-employers-list", {**STAFF_PAGE, "anonymous": 401}, org=False),
    row("get", "api:my-endorsements", {"*": 200, "anonymous": 401}, org=False),
]


@pytest.fixture(scope="module")
def matrix_clients(shared_world, role_clients, django_db_blocker):
    with django_db_blocker.unblock():
        person = UserFactory(email="matrix@employer.example")
        employer = Employer.objects.create(
            name="Matrix Inc",
            website="https://matrix.example",
            contact="x",
            reason="y",
            requested_by=person,
            status=EmployerStatus.APPROVED,
        )
        EmployerMember.objects.create(employer=employer, user=person)
        graduate = UserFactory(email="matrix@graduate.example")
        GraduateProfile.objects.create(
            user=graduate, display_name="Matrix Graduate", published_at=timezone.now()
        )
        return {**role_clients, "employer": signed_in(person), "graduate": signed_in(graduate)}


@pytest.mark.parametrize(("cell", "role"), cells(TABLE, roles=MATRIX_ROLES))
def test_graduates_role_matrix(shared_world, matrix_clients, cell, role):
    check_cell(shared_world, matrix_clients, cell, role)
