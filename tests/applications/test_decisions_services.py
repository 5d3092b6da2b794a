"""Decisions: who may accept and decline, what each refuses, capacity and the one
acceptance per cycle (sequentially; the races are in test_decisions_races.py), the
program's feedback, bulk decline and the settings."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope

from accounts.organizations.services import organization_policy_update
from applications.apply.models import ApplicationState
from applications.decisions.models import Decision, Offer, OfferState, Placement, TermSlot
from applications.decisions.selectors import application_full_history
from applications.decisions.services.accept import program_texts_update, term_decline_unshortlisted
from core.audit.models import AuditEvent
from programs.terms.services.mentors import term_mentor_add
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, decline, term_in
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db
S = ApplicationState


def _state(application):
    application.refresh_from_db()
    return application.state


def test_admin_accepts_a_submitted_applicant_taking_a_slot_a_placement_and_making_an_offer(
    org_a, term_a
):
    application = ApplicationFactory(term=term_a)
    accept(application, org_a.admin)
    assert _state(application) == S.ACCEPTED
    with scope(organization=org_a.organization):
        slot = TermSlot.objects.get(application=application)
        offer = Offer.objects.get(application=application)
        decision = Decision.objects.get(application=application)
        history = application_full_history(application=application)
    assert (slot.number, slot.capacity) == (1, term_a.capacity)
    assert Placement.objects.get(application=application).cycle == term_a.cycle
    assert offer.state == OfferState.PENDING
    assert offer.deadline == term_a.cycle.confirmation_deadline
    assert (decision.outcome, decision.decided_by) == ("accepted", org_a.admin)
    assert [(e.from_state, e.to_state, e.actor) for e in history] == [
        ("submitted", "accepted", org_a.admin)
    ]


@pytest.mark.parametrize("role", ["coordinator", "mentor"])
def test_coordinators_and_mentors_cannot_accept(org_a, term_a, role):
    application = ApplicationFactory(term=term_a)
    with pytest.raises(PermissionDenied):
        accept(application, getattr(org_a, role))
    assert _state(application) == S.SUBMITTED
    assert not Placement.objects.exists()


def test_admin_of_another_organization_cannot_accept(org_a, org_b, term_a):
    application = ApplicationFactory(term=term_a)
    with pytest.raises(PermissionDenied):
        accept(application, org_b.admin)


@pytest.mark.parametrize("state", ["draft", "accepted", "declined", "withdrawn"])
def test_only_submitted_applications_are_accepted_or_declined(org_a, term_a, state):
    application = ApplicationFactory(term=term_a, state=state)
    for decide in (accept, decline):
        with pytest.raises(ValidationError) as error:
            decide(application, org_a.admin)
        assert error.value.messages[0].endswith(".")
    assert _state(application) == state
    assert not TermSlot.objects.with_scopes_disabled().exists()


def test_a_full_term_refuses_the_next_acceptance_with_a_clear_message(org_a, cycle):
    term = make_term(ProgramFactory(organization=org_a.organization), cycle, capacity=1)
    first, second = ApplicationFactory(term=term), ApplicationFactory(term=term)
    accept(first, org_a.admin)
    with pytest.raises(ValidationError) as error:
        accept(second, org_a.admin)
    assert "full" in error.value.messages[0]
    assert _state(second) == S.SUBMITTED
    assert TermSlot.objects.with_scopes_disabled().filter(term=term).count() == 1


def test_a_mentee_accepted_by_one_organization_cannot_be_accepted_by_another(
    org_a, org_b, term_a, term_b
):
    mentee = UserFactory(display_name="Mina")
    in_a = ApplicationFactory(term=term_a, applicant=mentee)
    in_b = ApplicationFactory(term=term_b, applicant=mentee)
    accept(in_a, org_a.admin)
    with pytest.raises(ValidationError) as error:
        accept(in_b, org_b.admin)
    message = error.value.messages[0]
    assert "already accepted by another program this cycle" in message
    assert org_a.organization.name not in message  # says nothing about the other tenant
    assert _state(in_b) == S.SUBMITTED
    assert not TermSlot.objects.with_scopes_disabled().filter(term=term_b).exists()


def test_the_same_mentee_may_be_accepted_in_another_cycle(org_a, term_a):
    mentee = UserFactory()
    accept(ApplicationFactory(term=term_a, applicant=mentee), org_a.admin)
    other = term_in(ProgramFactory(organization=org_a.organization), announced_cycle())
    accept(ApplicationFactory(term=other, applicant=mentee), org_a.admin)
    assert Placement.objects.filter(applicant=mentee).count() == 2


def test_a_late_acceptance_gets_five_days_from_now(org_a):
    cycle = announced_cycle(deadline_days=1)
    term = term_in(ProgramFactory(organization=org_a.organization), cycle)
    application = ApplicationFactory(term=term)
    accept(application, org_a.admin)
    offer = Offer.objects.with_scopes_disabled().get(application=application)
    assert offer.deadline > timezone.now() + timedelta(days=4, hours=23)


def test_declining_records_the_programs_default_feedback(org_a, term_a):
    application = ApplicationFactory(term=term_a)
    decline(application, org_a.coordinator)
    assert _state(application) == S.DECLINED
    decision = Decision.objects.with_scopes_disabled().get(application=application)
    assert decision.outcome == "declined"
    assert f"Thank you for applying to {term_a.program.name}." in decision.feedback


def test_declining_uses_the_programs_own_feedback_as_it_read_then(org_a, term_a):
    with scope(organization=org_a.organization):
        program_texts_update(
            program=term_a.program,
            actor=org_a.admin,
            decline_feedback="Sorry from {program}: try the {next} term!",
        )
    application = ApplicationFactory(term=term_a)
    decline(application, org_a.admin)
    with scope(organization=org_a.organization):
        program_texts_update(program=term_a.program, actor=org_a.admin, decline_feedback="Later")
    decision = Decision.objects.with_scopes_disabled().get(application=application)
    assert decision.feedback == "Sorry from Kernel Mentorship: try the {next} term!"


def test_program_texts_must_not_be_empty(org_a, term_a):
    with pytest.raises(ValidationError) as error, scope(organization=org_a.organization):
        program_texts_update(program=term_a.program, actor=org_a.admin, agreement_text="  ")
    assert "agreement_text" in error.value.message_dict


def test_mentors_decline_only_where_the_organization_lets_them_and_only_their_terms(
    org_a, term_a, cycle
):
    application = ApplicationFactory(term=term_a)
    with pytest.raises(PermissionDenied):
        decline(application, org_a.mentor)
    with scope(organization=org_a.organization):
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_decide=True
        )
    with pytest.raises(PermissionDenied):  # not a mentor of this term
        decline(application, org_a.mentor)
    with scope(organization=org_a.organization):
        term_mentor_add(term=term_a, actor=org_a.admin, user=org_a.mentor)
    decline(application, org_a.mentor)
    assert _state(application) == S.DECLINED
    with pytest.raises(PermissionDenied):  # still never accepts
        accept(ApplicationFactory(term=term_a), org_a.mentor)


def test_policy_changes_are_recorded(org_a):
    with scope(organization=org_a.organization):
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_decide=True
        )
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_decide=True
        )
        events = AuditEvent.objects.filter(action="organization.policy_changed")
        assert [(e.from_state, e.to_state) for e in events] == [
            ("mentors_may_decide=False", "mentors_may_decide=True")
        ]


def test_bulk_decline_declines_exactly_the_submitted_applicants_not_shortlisted(
    org_a, term_a, term_b
):
    targets = [ApplicationFactory(term=term_a) for _ in range(3)]
    kept = [
        ApplicationFactory(term=term_a, shortlisted=True),
        ApplicationFactory(term=term_a, state=S.DRAFT),
        ApplicationFactory(term=term_a, state=S.WITHDRAWN),
        ApplicationFactory(term=term_b),  # another organization's term
    ]
    with scope(organization=org_a.organization):
        result = term_decline_unshortlisted(term=term_a, actor=org_a.coordinator, expected_count=3)
    assert result == {"declined": 3, "skipped": 0}
    assert [_state(a) for a in targets] == [S.DECLINED] * 3
    assert [_state(a) for a in kept] == [S.SUBMITTED, S.DRAFT, S.WITHDRAWN, S.SUBMITTED]
    assert Decision.objects.with_scopes_disabled().filter(outcome="declined").count() == 3


def test_bulk_decline_refuses_when_the_list_changed_since_the_confirmation(org_a, term_a):
    ApplicationFactory(term=term_a)
    ApplicationFactory(term=term_a)
    with pytest.raises(ValidationError) as error, scope(organization=org_a.organization):
        term_decline_unshortlisted(term=term_a, actor=org_a.admin, expected_count=1)
    assert "2 applicants are now not shortlisted" in error.value.messages[0]
    assert not Decision.objects.with_scopes_disabled().exists()
