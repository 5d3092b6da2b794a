"""Within one organization, a mentor sees applicants, their files, reviews and decisions only
for the terms they mentor. Every tenant route that names an application or a term (pages and
API, found from the URL resolver, so a new one is covered the day it is added) is asked, as
the mentor of one term, about the other term's applicant and term: the answer is the same
404 as for a missing object, or an empty list, and never shows the applicant."""

import pytest
from django.urls import reverse
from django_scopes import scope

from accounts.organizations.models import Role
from applications.decisions.models import Offer
from mentorship.offers.services import offer_confirm
from tests.applications.review_data import make_applicant
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import CycleFactory, ProgramFactory, make_term
from tests.isolation.routes import tenant_routes

pytestmark = pytest.mark.django_db

MARKER = "Zoltan Otherterm"
# The object parameters this test knows how to fill; a route with any other (an answer, a
# mentorship, a program...) is about another object and is covered by the role matrices.
FILLABLE = {"org", "application", "term", "mentorship"}
# A term's own pages (dates, capacity, mentors) are open to every member of the organization.
TERM_SETUP = ("programs:term-", "api:terms-")
ROUTES = [
    route
    for route in tenant_routes()
    if set(route.params) <= FILLABLE and ({"application", "term", "mentorship"} & set(route.params))
]


@pytest.fixture
def two_terms(org_a):
    """A mentor of term `mine` only, and in the same organization a term `other` (with
    another mentor) whose applicant was accepted and confirmed: an application, a
    decision, an offer and a mentorship the mentor must not see."""
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    other_mentor = UserFactory(email="other.mentor@alpha.test")
    MembershipFactory(organization=org_a.organization, user=other_mentor, role=Role.MENTOR)
    mine = make_term(program, CycleFactory(name="Mine"), primary_mentor=org_a.mentor)
    other = term_in(program, announced_cycle(), primary_mentor=other_mentor)
    make_applicant(mine, name="Ann Myterm")
    stranger = make_applicant(other, name=MARKER)
    accept(stranger, org_a.admin)
    offer = Offer.objects.with_scopes_disabled().get(application=stranger)
    with scope(organization=org_a.organization):
        mentorship = offer_confirm(
            offer=offer, mentee=stranger.applicant, legal_name=MARKER, agreed=True, ip=None
        )
    return org_a, other, stranger, mentorship


def test_the_walk_covers_the_review_and_decision_routes():
    names = {route.name for route in ROUTES}
    for expected in (
        "mentorship:org-mentorship",
        "api:mentorships-detail",
        "applications:review-dashboard",
        "applications:review-applicant",
        "applications:decision",
        "applications:term-decisions",
        "api:review-applicants",
        "api:decisions-detail",
    ):
        assert expected in names, expected


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_a_mentor_gets_404_for_another_terms_applicant_and_term(two_terms, route):
    tenant, other_term, stranger, mentorship = two_terms
    values = {
        "org": tenant.organization.slug,
        "application": stranger.public_id,
        "term": other_term.pk,
        "mentorship": mentorship.public_id,
    }
    url = reverse(route.name, kwargs={name: values[name] for name in route.params})
    client = api_client_for(tenant.mentor) if route.is_api else client_for(tenant.mentor)
    response = client.get(url)
    assert MARKER not in response.content.decode(errors="replace"), url
    if response.status_code == 405:  # a write-only route: the write is refused the same way
        for method in ("post", "put"):
            response = getattr(client, method)(url, {})
            if response.status_code != 405:
                break
        assert response.status_code in (403, 404), (url, method, response.status_code)
        assert MARKER not in response.content.decode(errors="replace"), url
        return
    if route.name.startswith(TERM_SETUP):
        return  # a term's setup is shown to every member; its applicants are not
    assert response.status_code in (403, 404), (url, response.status_code)


@pytest.mark.parametrize(
    "name", ["api:decisions-list", "api:mentorships-list", "mentorship:org-mentorships"]
)
def test_lists_of_the_organization_show_the_mentor_only_their_terms(two_terms, name):
    tenant = two_terms[0]
    url = reverse(name, kwargs={"org": tenant.organization.slug})
    client = api_client_for(tenant.mentor) if name.startswith("api:") else client_for(tenant.mentor)
    assert client.get(url).status_code == 200
    assert MARKER not in client.get(url).content.decode()
    admin = api_client_for(tenant.admin) if name.startswith("api:") else client_for(tenant.admin)
    assert MARKER in admin.get(url).content.decode()  # the row exists: it is hidden, not missing
