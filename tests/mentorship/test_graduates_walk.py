"""A walk of every route as an approved employer: every organization route answers the 404
of a missing organization (no applications, reviews, demographics or money), platform staff
routes answer 404, and every other page answers the employer exactly as it answers a
signed-in person with no role, except the employer's own pages. A graduate walks the same
way: their profile gives them nothing in any organization."""

import uuid

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from mentorship.graduates.models import (
    Employer,
    EmployerInvitation,
    EmployerMember,
    EmployerStatus,
    Endorsement,
    GraduateProfile,
    InterestRequest,
)
from tests.factories.accounts import UserFactory
from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.fixtures import signed_in
from tests.isolation.routes import Route, _walk

pytestmark = pytest.mark.django_db

# Pages that are the employer's (or the graduate's) own and may answer them differently.
OWN = {
    "home",
    "mentorship:employer-directory",
    "mentorship:employer-request",
    "mentorship:employer-interests",
    "mentorship:employer-colleagues",
    "mentorship:employer-profile",
    "mentorship:me-graduate-profile",
    "mentorship:me-graduate-interests",
    "mentorship:me-graduate-interest",
    "api:employer-graduates-list",
    "api:employer-graduates-detail",
    "api:employer-graduates-interest",
    "api:employer-interests-list",
    "api:my-graduate-profile",
    "api:my-graduate-profile-publish",
    "api:my-graduate-profile-withdraw",
    "api:my-graduate-interests-list",
    "api:my-graduate-interests-answer",
    "api:my-graduate-interests-block",
    "api:my-graduate-interests-report",
    "api:employer-account",
    "api:employer-colleagues",
    "api:my-endorsements",
    "api:my-endorsement-answer",
}
TENANT = ("o/<slug:org>/", "api/v1/orgs/<slug:org>/")
STAFF = ("staff/", "api/v1/staff/")


def all_routes() -> list[Route]:
    from django.urls import get_resolver

    routes = []
    for text, entry, namespace, names in _walk(get_resolver()):
        if entry.name is None or text.startswith(("django-admin/", "accounts/")):
            continue
        name = f"{namespace}:{entry.name}" if namespace else entry.name
        routes.append(Route(name=name, route=text, params=tuple(dict.fromkeys(names))))
    return routes


@pytest.fixture(scope="module")
def walkers(shared_world, django_db_blocker):
    with django_db_blocker.unblock():
        employer_user = UserFactory(email="walker@employer.example")
        employer = Employer.objects.create(
            name="Walker Inc",
            website="https://walker.example",
            contact="x",
            reason="y",
            requested_by=employer_user,
            status=EmployerStatus.APPROVED,
        )
        EmployerMember.objects.create(employer=employer, user=employer_user)
        graduate_user = UserFactory(email="walker@graduate.example")
        profile = GraduateProfile.objects.create(
            user=graduate_user, display_name="Walker Graduate", published_at=timezone.now()
        )
        interest = InterestRequest.objects.create(
            employer=employer, profile=profile, sent_by=employer_user, message="Hi"
        )
        invitation = EmployerInvitation.objects.create(
            employer=employer, email="someone@else.example", invited_by=employer_user
        )
        endorsement = Endorsement.objects.create(
            graduate=graduate_user,
            mentor=shared_world.stranger,
            mentor_name="A mentor",
            mentorship_id_public=uuid.uuid4(),
            program_name="A program",
            text="Good work.",
        )
        params = dict(
            shared_world.params_a,
            endorsement=endorsement.public_id,
            profile=profile.public_id,
            interest=interest.public_id,
            employer=employer.public_id,
            invitation=invitation.public_id,
        )
        return {
            "employer": signed_in(employer_user),
            "graduate": signed_in(graduate_user),
            "stranger": signed_in(shared_world.stranger),
            "params": params,
        }


def _url(route, params):
    """The route's address with the world's objects; a parameter another route names with
    another converter (a program's slug or its number) gets a number instead."""
    if any(p not in params for p in route.params):
        return None
    kwargs = {p: params[p] for p in route.params}
    try:
        return reverse(route.name, kwargs=kwargs)
    except NoReverseMatch:
        return reverse(route.name, kwargs={p: 1 for p in route.params})


@pytest.mark.parametrize("who", ["employer", "graduate"])
def test_an_employer_or_graduate_reaches_nothing_else(walkers, who):
    client, stranger, params = walkers[who], walkers["stranger"], walkers["params"]
    failures, walked = [], 0
    for route in all_routes():
        url = _url(route, params)
        if url is None:
            continue
        walked += 1
        if route.route.startswith(TENANT + STAFF):
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status != 404:
                    failures.append(f"{method.upper()} {url} → {status}, expected 404")
            continue
        if route.name in OWN:
            continue
        mine, theirs = client.get(url).status_code, stranger.get(url).status_code
        if mine != theirs:
            failures.append(f"GET {url} → {mine} as {who}, {theirs} as a stranger")
    assert walked > 150
    assert not failures, "\n".join(failures)
