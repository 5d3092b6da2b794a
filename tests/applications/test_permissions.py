"""Every named permission of the applications area as a literal table: role → allowed,
checked with `has_perm` on real objects. Roles: the organization's admin and coordinator,
the mentor of the application's term, a mentor of another term of the same organization,
and a member (admin) of the other organization. Then the leak that this fixes: a mentor
sees applicants and decisions only of the terms they mentor, on pages and in the API."""

import pytest
from django.urls import reverse
from django_scopes import scope

from accounts.organizations.models import Role
from accounts.organizations.services import organization_policy_update
from applications.review.services import conflict_declare
from programs.terms.services.mentors import term_mentor_add
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db

ROLES = ("admin", "coordinator", "term_mentor", "other_mentor", "outsider")


class World:
    def __init__(self, org_a, org_b, term_a, cycle):
        self.org = org_a.organization
        self.term = term_a
        program = ProgramFactory(organization=self.org, name="Other Program")
        self.other_term = make_term(program, cycle)
        other_mentor = UserFactory(display_name="Other Mentor")
        with scope(organization=self.org):
            MembershipFactory(organization=self.org, user=other_mentor, role=Role.MENTOR)
            term_mentor_add(term=term_a, actor=org_a.admin, user=org_a.mentor)
            term_mentor_add(term=self.other_term, actor=org_a.admin, user=other_mentor)
        self.people = {
            "admin": org_a.admin,
            "coordinator": org_a.coordinator,
            "term_mentor": org_a.mentor,
            "other_mentor": other_mentor,
            "outsider": org_b.admin,
        }
        self.admin = org_a.admin
        self.application = ApplicationFactory(term=term_a)
        self.other_application = ApplicationFactory(term=self.other_term)

    def allowed(self, permission, obj) -> dict[str, bool]:
        with scope(organization=self.org):
            return {role: self.people[role].has_perm(permission, obj) for role in ROLES}


def row(admin, coordinator, term_mentor, other_mentor, outsider) -> dict[str, bool]:
    return dict(zip(ROLES, (admin, coordinator, term_mentor, other_mentor, outsider), strict=True))


@pytest.fixture
def w(org_a, org_b, term_a, cycle):
    return World(org_a, org_b, term_a, cycle)


# permission → (object: "term" or "application", allowed per role), policy at its defaults.
DEFAULT_TABLE = {
    "applications.review_term": ("term", row(True, True, True, False, False)),
    "applications.shortlist_term": ("term", row(True, True, False, False, False)),
    "applications.review_application": ("application", row(True, True, True, False, False)),
    "applications.write_review": ("application", row(True, True, True, False, False)),
    "applications.shortlist_application": ("application", row(True, True, False, False, False)),
    "applications.view_prerequisite_file": ("application", row(True, True, True, False, False)),
    "applications.view_decision": ("application", row(True, True, True, False, False)),
    "applications.accept_application": ("application", row(True, False, False, False, False)),
    "applications.decline_application": ("application", row(True, True, False, False, False)),
    "applications.read_all_review_notes": ("term", row(True, False, False, False, False)),
    "applications.view_conflicts": ("term", row(True, False, False, False, False)),
    "applications.change_own_application": ("application", row(False, False, False, False, False)),
}

# The same where the policy lets mentors shortlist and decide: only the term's mentor gains.
PERMISSIVE_TABLE = {
    "applications.shortlist_term": ("term", row(True, True, True, False, False)),
    "applications.shortlist_application": ("application", row(True, True, True, False, False)),
    "applications.decline_application": ("application", row(True, True, True, False, False)),
    "applications.accept_application": ("application", row(True, False, False, False, False)),
    "applications.view_decision": ("application", row(True, True, True, False, False)),
}

# After the term's mentor and the admin declared a conflict with the applicant.
CONFLICT_TABLE = {
    "applications.review_application": ("application", row(True, True, True, False, False)),
    "applications.write_review": ("application", row(False, True, False, False, False)),
    "applications.shortlist_application": ("application", row(False, True, False, False, False)),
    "applications.accept_application": ("application", row(False, False, False, False, False)),
    "applications.decline_application": ("application", row(False, True, False, False, False)),
}


def _check(w, table):
    failures = []
    for permission, (kind, expected) in table.items():
        obj = w.term if kind == "term" else w.application
        got = w.allowed(permission, obj)
        if got != expected:
            failures.append(f"{permission}: expected {expected}, got {got}")
    assert not failures, "\n".join(failures)


def test_each_permission_by_role_with_the_default_policy(w):
    _check(w, DEFAULT_TABLE)


def test_the_policy_lets_only_the_terms_mentors_shortlist_and_decline(w):
    with scope(organization=w.org):
        organization_policy_update(
            organization=w.org, actor=w.admin, mentors_may_shortlist=True, mentors_may_decide=True
        )
    _check(w, PERMISSIVE_TABLE)


def test_a_declared_conflict_takes_away_reviewing_shortlisting_and_deciding(w):
    with scope(organization=w.org):
        organization_policy_update(
            organization=w.org, actor=w.admin, mentors_may_shortlist=True, mentors_may_decide=True
        )
        for person in (w.people["term_mentor"], w.admin):
            conflict_declare(application=w.application, reviewer=person, kind="employer")
    _check(w, CONFLICT_TABLE)


def test_the_applicant_sees_their_own_files(w):
    applicant = w.application.applicant
    with scope(organization=w.org):
        assert applicant.has_perm("applications.view_prerequisite_file", w.application)
        assert applicant.has_perm("applications.change_own_application", w.application)
        assert not applicant.has_perm("applications.view_decision", w.application)


def test_unknown_permissions_are_refused(w):
    with scope(organization=w.org):
        assert not w.admin.has_perm("applications.no_such_thing", w.application)


# --- the leak: another term's applicants, files and decisions ---------------------------


def test_a_mentor_gets_404_for_the_decision_of_another_terms_applicant(w):
    mentor = client_for(w.people["term_mentor"])
    mine = reverse(
        "applications:decision", kwargs={"org": "alpha", "application": w.application.public_id}
    )
    theirs = reverse(
        "applications:decision",
        kwargs={"org": "alpha", "application": w.other_application.public_id},
    )
    assert mentor.get(mine).status_code == 200
    answer = mentor.get(theirs)
    assert answer.status_code == 404
    assert w.other_application.applicant.name not in answer.content.decode()
    assert client_for(w.admin).get(theirs).status_code == 200
    other_term_page = reverse(
        "applications:term-decisions", kwargs={"org": "alpha", "term": w.other_term.pk}
    )
    assert mentor.get(other_term_page).status_code == 404


def test_a_mentor_gets_404_for_another_terms_applicant_in_the_review_area(w):
    mentor = client_for(w.people["term_mentor"])
    theirs = reverse(
        "applications:review-applicant",
        kwargs={"org": "alpha", "application": w.other_application.public_id},
    )
    assert mentor.get(theirs).status_code == 404


def test_the_decisions_api_shows_a_mentor_only_the_terms_they_mentor(w):
    mentor = api_client_for(w.people["term_mentor"])
    base = reverse("api:decisions-list", kwargs={"org": "alpha"})
    listed = mentor.get(base).json()["results"]
    assert [row["id"] for row in listed] == [str(w.application.public_id)]
    other = mentor.get(base, {"term": w.other_term.pk}).json()
    assert other["results"] == []
    detail = reverse(
        "api:decisions-detail",
        kwargs={"org": "alpha", "application": w.other_application.public_id},
    )
    assert mentor.get(detail).status_code == 404
    everyone = api_client_for(w.admin).get(base).json()["results"]
    assert len(everyone) == 2
