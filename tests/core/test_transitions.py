"""Every state machine moves through core.transitions.state_transition. For each model the
allowed moves are written out here as literals (not read from the production tables): every
listed move succeeds from a fresh object and is recorded; every other (from, to) pair among
the model's states is refused with a ValidationError and writes nothing. Adding a move to a
production table without adding it here fails a test."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from accounts.invitations.models import (
    Invitation,
    JoinRequest,
    OrganizationRequest,
    invitation_new_token,
    invitation_token_hash,
)
from accounts.invitations.services.invitations import invitation_transition
from accounts.invitations.services.join_requests import join_request_transition
from accounts.invitations.services.organization_requests import (
    organization_request_transition,
)
from accounts.organizations.models import Role
from applications.apply.models import Application
from applications.apply.services.transitions import application_transition
from applications.decisions.models import Offer
from core.audit.models import AuditEvent
from mentorship.assignments.models import Task
from mentorship.assignments.services import task_transition
from mentorship.evaluations.models import Evaluation
from mentorship.evaluations.services.checkpoints import evaluation_transition
from mentorship.graduates.models import Employer, GraduateProfile, InterestRequest
from mentorship.graduates.services.employers import employer_transition
from mentorship.graduates.services.interests import interest_transition
from mentorship.mentorships.models import Mentorship
from mentorship.mentorships.services import mentorship_transition
from mentorship.offers.services import offer_transition
from payments.payouts.models import Payout
from payments.payouts.services import payout_transition
from payments.plans.models import Installment, StipendPlan
from programs.programs.models import Program
from programs.programs.services import program_transition
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db


# --- building an object of a model in a given state ----------------------------------------


def _term(tenant):
    program = ProgramFactory(organization=tenant.organization)
    return make_term(program, CycleFactory())


def make_application(tenant, state):
    return ApplicationFactory(term=_term(tenant), state=state)


def make_offer(tenant, state):
    application = ApplicationFactory(term=_term(tenant), state="accepted")
    with scope(organization=tenant.organization):
        return Offer.objects.create(
            organization=tenant.organization,
            application=application,
            deadline=timezone.now() + timedelta(days=3),
            state=state,
        )


def make_mentorship(tenant, state):
    application = ApplicationFactory(term=_term(tenant), state="accepted")
    now = timezone.now()
    with scope(organization=tenant.organization):
        return Mentorship.objects.create(
            organization=tenant.organization,
            application=application,
            term=application.term,
            mentee=application.applicant,
            state=state,
            starts_at=now,
            midterm_at=now + timedelta(days=30),
            final_at=now + timedelta(days=60),
            ends_at=now + timedelta(days=61),
        )


def make_evaluation(tenant, state):
    mentorship = make_mentorship(tenant, "active")
    with scope(organization=tenant.organization):
        return Evaluation.objects.create(
            organization=tenant.organization,
            mentorship=mentorship,
            kind="midterm",
            week=6,
            due_at=mentorship.midterm_at,
            state=state,
        )


def make_task(tenant, state):
    mentorship = make_mentorship(tenant, "active")
    with scope(organization=tenant.organization):
        return Task.objects.create(
            organization=tenant.organization,
            mentorship=mentorship,
            title="A task",
            due_at=mentorship.midterm_at,
            state=state,
        )


def make_invitation(tenant, status):
    with scope(organization=tenant.organization):
        return Invitation.objects.create(
            organization=tenant.organization,
            email=UserFactory.build().email,
            role=Role.MENTOR,
            token_hash=invitation_token_hash(invitation_new_token()),
            invited_by=tenant.admin,
            expires_at=timezone.now() + timedelta(days=14),
            status=status,
        )


def make_join_request(tenant, status):
    with scope(organization=tenant.organization):
        return JoinRequest.objects.create(
            organization=tenant.organization, user=UserFactory(), status=status
        )


def make_organization_request(tenant, status):
    return OrganizationRequest.objects.create(
        requested_by=UserFactory(), name="Gamma", reason="Because.", status=status
    )


def make_employer(tenant, status):
    return Employer.objects.create(
        name="Gamma Inc",
        website="https://gamma.example",
        contact="x",
        reason="Because.",
        requested_by=UserFactory(),
        status=status,
    )


def make_interest(tenant, status):
    employer = make_employer(tenant, "approved")
    profile = GraduateProfile.objects.create(user=UserFactory(), display_name="Gamma")
    return InterestRequest.objects.create(
        employer=employer,
        profile=profile,
        sent_by=employer.requested_by,
        message="Hi",
        status=status,
    )


def make_program(tenant, status):
    return ProgramFactory(organization=tenant.organization, status=status)


def make_payout(tenant, state):
    mentorship = make_mentorship(tenant, "active")
    organization = tenant.organization
    with scope(organization=organization):
        plan = StipendPlan.objects.create(
            organization=organization,
            mentorship=mentorship,
            program=mentorship.term.program,
            kind="flat",
            total=Decimal("100.00"),
            currency="USD",
        )
        installment = Installment.objects.create(
            organization=organization,
            plan=plan,
            number=1,
            checkpoint="final",
            percent=100,
            amount=Decimal("100.00"),
            currency="USD",
        )
        return Payout.objects.create(
            organization=organization,
            installment=installment,
            mentorship=mentorship,
            term=mentorship.term,
            program=mentorship.term.program,
            amount=Decimal("100.00"),
            currency="USD",
            state=state,
        )


# --- moving it through its service ---------------------------------------------------------


def move_application(tenant, obj, to):
    with scope(organization=obj.organization):
        return application_transition(application=obj, to_state=to, actor=tenant.admin)


def move_offer(tenant, obj, to):
    with scope(organization=obj.organization):
        return offer_transition(offer=obj, to_state=to, actor=None)


def move_mentorship(tenant, obj, to):
    with scope(organization=obj.organization):
        return mentorship_transition(mentorship=obj, to_state=to, actor=tenant.admin)


def move_evaluation(tenant, obj, to):
    with scope(organization=obj.organization):
        return evaluation_transition(evaluation=obj, to_state=to, actor=tenant.admin)


def move_task(tenant, obj, to):
    with scope(organization=obj.organization):
        return task_transition(task=obj, to_state=to, actor=tenant.admin)


def move_invitation(tenant, obj, to):
    return invitation_transition(invitation=obj, to_state=to, actor=tenant.admin)


def move_join_request(tenant, obj, to):
    return join_request_transition(join_request=obj, to_state=to, actor=tenant.admin)


def move_organization_request(tenant, obj, to):
    return organization_request_transition(organization_request=obj, to_state=to, actor=None)


def move_employer(tenant, obj, to):
    return employer_transition(employer=obj, to_state=to, actor=None)


def move_interest(tenant, obj, to):
    return interest_transition(interest=obj, to_state=to, actor=None)


def move_program(tenant, obj, to):
    return program_transition(program=obj, to_state=to, actor=tenant.admin)


def move_payout(tenant, obj, to):
    with scope(organization=obj.organization):
        return payout_transition(payout=obj, to_state=to, actor=tenant.admin)


@dataclass(frozen=True)
class Machine:
    model: type
    field: str
    states: tuple[str, ...]
    allowed: frozenset[tuple[str, str]]
    make: object
    move: object


MACHINES = {
    "application": Machine(
        Application,
        "state",
        ("draft", "submitted", "accepted", "declined", "withdrawn"),
        frozenset(
            {
                ("draft", "submitted"),
                ("draft", "withdrawn"),
                ("submitted", "withdrawn"),
                ("submitted", "accepted"),
                ("submitted", "declined"),
                ("accepted", "withdrawn"),
            }
        ),
        make_application,
        move_application,
    ),
    "offer": Machine(
        Offer,
        "state",
        ("pending", "confirmed", "declined", "lapsed"),
        frozenset({("pending", "confirmed"), ("pending", "declined"), ("pending", "lapsed")}),
        make_offer,
        move_offer,
    ),
    "mentorship": Machine(
        Mentorship,
        "state",
        ("active", "graduated", "failed", "ended"),
        frozenset(
            {
                ("active", "graduated"),
                ("active", "failed"),
                ("active", "ended"),
                ("graduated", "failed"),  # an admin corrects the final's pass
                ("failed", "active"),  # an admin corrects a fail
            }
        ),
        make_mentorship,
        move_mentorship,
    ),
    "evaluation": Machine(
        Evaluation,
        "state",
        ("pending", "passed", "failed"),
        frozenset(
            {
                ("pending", "passed"),
                ("pending", "failed"),
                ("passed", "failed"),
                ("failed", "passed"),
            }
        ),
        make_evaluation,
        move_evaluation,
    ),
    "task": Machine(
        Task,
        "state",
        ("todo", "in_progress", "submitted", "completed"),
        frozenset(
            {
                ("todo", "in_progress"),
                ("in_progress", "submitted"),
                ("submitted", "completed"),
                ("submitted", "in_progress"),
            }
        ),
        make_task,
        move_task,
    ),
    "invitation": Machine(
        Invitation,
        "status",
        ("pending", "accepted", "declined", "revoked", "expired"),
        frozenset(
            {
                ("pending", "accepted"),
                ("pending", "declined"),
                ("pending", "revoked"),
                ("pending", "expired"),
                ("pending", "pending"),  # resent
            }
        ),
        make_invitation,
        move_invitation,
    ),
    "join_request": Machine(
        JoinRequest,
        "status",
        ("pending", "approved", "declined"),
        frozenset({("pending", "approved"), ("pending", "declined")}),
        make_join_request,
        move_join_request,
    ),
    "organization_request": Machine(
        OrganizationRequest,
        "status",
        ("pending", "approved", "declined"),
        frozenset({("pending", "approved"), ("pending", "declined")}),
        make_organization_request,
        move_organization_request,
    ),
    "employer": Machine(
        Employer,
        "status",
        ("pending", "approved", "declined"),
        frozenset({("pending", "approved"), ("pending", "declined")}),
        make_employer,
        move_employer,
    ),
    "interest": Machine(
        InterestRequest,
        "status",
        ("pending", "accepted", "declined"),
        frozenset({("pending", "accepted"), ("pending", "declined")}),
        make_interest,
        move_interest,
    ),
    "program": Machine(
        Program,
        "status",
        ("draft", "submitted", "approved", "rejected", "archived"),
        frozenset(
            {
                ("draft", "submitted"),
                ("rejected", "submitted"),
                ("submitted", "approved"),
                ("submitted", "rejected"),
                ("draft", "archived"),
                ("submitted", "archived"),
                ("approved", "archived"),
                ("rejected", "archived"),
            }
        ),
        make_program,
        move_program,
    ),
    "payout": Machine(
        Payout,
        "state",
        ("payable", "approved", "declined", "paid", "failed", "retried", "reversed"),
        frozenset(
            {
                ("payable", "approved"),
                ("payable", "declined"),
                ("approved", "paid"),
                ("approved", "failed"),
                ("failed", "retried"),
                ("paid", "reversed"),
            }
        ),
        make_payout,
        move_payout,
    ),
}


def _cases(allowed: bool):
    return [
        pytest.param(name, from_state, to_state, id=f"{name}:{from_state}->{to_state}")
        for name, machine in MACHINES.items()
        for from_state, to_state in product(machine.states, repeat=2)
        if ((from_state, to_state) in machine.allowed) == allowed
    ]


def _stored_state(machine, obj):
    with scopes_disabled():
        return getattr(machine.model.objects.get(pk=obj.pk), machine.field)


def _events(obj):
    return AuditEvent.objects.with_scopes_disabled().filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    )


def test_the_literal_states_are_the_models_states():
    for machine in MACHINES.values():
        choices = {value for value, _label in machine.model._meta.get_field(machine.field).choices}
        assert set(machine.states) == choices, machine.model


@pytest.mark.parametrize("name,from_state,to_state", _cases(allowed=True))
def test_every_allowed_move_succeeds_and_is_recorded(org_a, org_b, name, from_state, to_state):
    machine = MACHINES[name]
    obj = machine.make(org_a, from_state)
    machine.move(org_a, obj, to_state)
    assert _stored_state(machine, obj) == to_state
    (event,) = _events(obj)
    assert (event.from_state, event.to_state) == (from_state, to_state)


@pytest.mark.parametrize("name,from_state,to_state", _cases(allowed=False))
def test_every_other_move_is_refused_and_writes_nothing(org_a, org_b, name, from_state, to_state):
    machine = MACHINES[name]
    obj = machine.make(org_a, from_state)
    with pytest.raises(ValidationError) as error:
        machine.move(org_a, obj, to_state)
    assert error.value.messages[0].endswith(".")
    assert _stored_state(machine, obj) == from_state
    assert not _events(obj).exists()


# (model, the state both copies read, the first move, the stale copy's move)
STALE = [
    ("application", "submitted", "accepted", "declined"),
    ("offer", "pending", "confirmed", "lapsed"),
    ("mentorship", "active", "ended", "graduated"),
    ("invitation", "pending", "revoked", "accepted"),
    ("join_request", "pending", "declined", "approved"),
    ("organization_request", "pending", "approved", "declined"),
    ("program", "submitted", "approved", "rejected"),
]


@pytest.mark.parametrize("name,from_state,first,second", STALE)
def test_a_stale_copy_moved_meanwhile_is_refused(org_a, org_b, name, from_state, first, second):
    machine = MACHINES[name]
    obj = machine.make(org_a, from_state)
    with scopes_disabled():
        stale = machine.model.objects.get(pk=obj.pk)
    machine.move(org_a, obj, first)
    with pytest.raises(ValidationError):
        machine.move(org_a, stale, second)
    assert _stored_state(machine, obj) == first
    assert [e.to_state for e in _events(obj)] == [first]


def test_a_move_with_a_condition_the_row_does_not_meet_is_refused(org_a, org_b):
    """An invitation past its expiry cannot be accepted, though it is still stored pending;
    the refusal says it expired."""
    invitation = make_invitation(org_a, "pending")
    Invitation.objects.with_scopes_disabled().filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="This invitation expired on"):
        invitation_transition(
            invitation=invitation, to_state="accepted", actor=None, unexpired=True
        )
    assert _stored_state(MACHINES["invitation"], invitation) == "pending"
    assert not _events(invitation).exists()


def test_a_refusal_keeps_the_sentence_people_see(org_a, org_b):
    program = make_program(org_a, "approved")
    with pytest.raises(ValidationError) as error:
        move_program(org_a, program, "approved")
    assert error.value.messages == [
        "Only a program waiting for approval can be approved; this one is Approved (published)."
    ]
    join_request = make_join_request(org_a, "declined")
    with pytest.raises(ValidationError) as error:
        move_join_request(org_a, join_request, "approved")
    assert error.value.messages == ["This request was already declined."]
