"""The eligibility check before applying: each refusal names its reason (and where to fix
it), and nothing is created when it refuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from accounts.people.models import MenteeProfile
from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.eligibility import apply_refusals
from applications.apply.services.common import ApplyRefused
from programs.terms.services.terms import term_close_applications
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import complete_mentee, fill, start, submit
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db
S = ApplicationState


def _codes(user, term):
    with scope(organization=term.organization):
        return [r.code for r in apply_refusals(user=user, term=term)]


def _refused(user, term, code):
    applications = Application.objects.with_scopes_disabled().filter(applicant=user)
    before = applications.count()
    with pytest.raises(ApplyRefused) as error:
        start(user, term)
    assert code in [r.code for r in error.value.refusals]
    assert applications.count() == before  # nothing half-written
    return error.value


def test_a_complete_profile_may_start_a_draft(mentee, term_a):
    assert _codes(mentee, term_a) == []
    application = start(mentee, term_a)
    assert application.state == S.DRAFT and application.cycle == term_a.cycle


def test_incomplete_profile_is_refused_with_what_is_missing_and_a_link(term_a):
    user = UserFactory(email="new@mentee.test")
    refused = _refused(user, term_a, "profile_incomplete")
    reason = next(r for r in refused.refusals if r.code == "profile_incomplete")
    assert "legal name" in reason.message and "resume (PDF)" in reason.message
    assert reason.link == reverse("accounts:profile")


def test_no_adult_attestation_is_refused(term_a):
    user = complete_mentee("young@mentee.test")
    MenteeProfile.objects.filter(user=user).update(adult_attested_at=None)
    refused = _refused(user, term_a, "not_attested")
    assert [r.code for r in refused.refusals] == ["not_attested"]


def test_under_18_at_the_term_start_is_refused(term_a):
    seventeen = term_a.start_date.replace(year=term_a.start_date.year - 18) + datetime.timedelta(
        days=1
    )
    user = complete_mentee("almost@mentee.test", date_of_birth=datetime.date(2000, 1, 1))
    MenteeProfile.objects.filter(user=user).update(date_of_birth=seventeen)
    _refused(user, term_a, "too_young")


def test_country_restricted_by_the_cycle_is_refused(mentee, org_a):
    cycle = CycleFactory(restricted_countries=["GB"])
    term = make_term(ProgramFactory(organization=org_a.organization), cycle)
    refused = _refused(mentee, term, "country_restricted")
    assert "United Kingdom" in refused.messages[0]


def test_earlier_graduate_is_refused_where_the_cycle_forbids_it(mentee, term_a, term_b):
    # A graduated mentorship in another organization counts: the rule is platform-wide.
    from django_scopes import scopes_disabled

    from mentorship.mentorships.models import Mentorship, MentorshipState
    from tests.factories.applications import ApplicationFactory

    earlier = ApplicationFactory(term=term_b, applicant=mentee, state="accepted")
    with scopes_disabled():
        Mentorship.objects.create(
            organization=term_b.organization,
            application=earlier,
            term=term_b,
            mentee=mentee,
            state=MentorshipState.GRADUATED,
            starts_at=term_b.starts_at,
            midterm_at=term_b.starts_at,
            final_at=term_b.ends_at,
            ends_at=term_b.ends_at,
        )
    _refused(mentee, term_a, "graduate")
    term_a.cycle.graduates_may_apply = True
    term_a.cycle.save()
    assert _codes(mentee, term_a) == []


def test_the_cycle_limit_of_active_applications_is_refused(mentee, org_a, org_b, cycle):
    cycle.max_active_applications = 2
    cycle.save()
    terms = [
        make_term(ProgramFactory(organization=org.organization), cycle)
        for org in (org_a, org_b, org_a)
    ]
    for term in terms[:2]:  # in two organizations: the limit counts across tenants
        submit(fill(start(mentee, term)))
    refused = _refused(mentee, terms[2], "cycle_limit")
    assert "2 active applications" in refused.messages[0]
    assert refused.refusals[0].link == reverse("applications:my-applications")


def test_already_applied_to_this_term_is_refused_with_a_link_to_it(mentee, term_a):
    application = start(mentee, term_a)
    refused = _refused(mentee, term_a, "already_applied")
    assert str(application.public_id) in refused.refusals[0].link


def test_term_not_accepting_applications_is_refused(mentee, term_a, org_a):
    with scope(organization=term_a.organization):
        term_close_applications(term=term_a, actor=org_a.admin)
    term_a.refresh_from_db()
    _refused(mentee, term_a, "not_accepting")


def test_unpublished_program_term_is_not_accepting(mentee, org_a, cycle):
    term = make_term(ProgramFactory(organization=org_a.organization, status="draft"), cycle)
    _refused(mentee, term, "not_accepting")


def test_reapplying_after_a_decline_is_refused_with_a_clear_reason(mentee, term_a):
    ApplicationFactory(term=term_a, applicant=mentee, state=S.DECLINED)
    refused = _refused(mentee, term_a, "declined")
    assert "declined" in refused.messages[0] and "final" in refused.messages[0]


def test_every_reason_is_named_at_once(term_a):
    user = UserFactory(email="blank@mentee.test")
    assert set(_codes(user, term_a)) == {"profile_incomplete", "not_attested"}


def test_refusals_become_field_messages_for_forms_and_the_api(term_a):
    user = UserFactory(email="blank2@mentee.test")
    with pytest.raises(ValidationError) as error:
        start(user, term_a)
    assert len(error.value.messages) == 2
