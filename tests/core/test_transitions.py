"""Every state machine moves through core.transitions.state_transition. For each model the
allowed moves are written out here as literals (not read from the production tables): every
listed move succeeds from a fresh object and is recorded; every other (from, to) pair among
the model's states is refused with a ValidationError and writes nothing. Adding a move to a
production table without adding it here fails a test."""

from datetime import timedelta
from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.invitations.models import Invitation
from accounts.invitations.services.invitations import invitation_transition
from core.audit.models import AuditEvent
from tests.core.transition_builders import (
    make_invitation,
    make_join_request,
    make_program,
    move_join_request,
    move_program,
)
from tests.core.transition_machines import MACHINES

pytestmark = pytest.mark.django_db


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
