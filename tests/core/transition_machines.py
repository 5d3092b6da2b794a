"""The state machines of tests/core/test_transitions.py, written out as literals (not read
from the production tables): for each model its states and its allowed moves, with how to
build an object in a given state and move it (tests/core/transition_builders.py)."""

from dataclasses import dataclass

from accounts.invitations.models import Invitation, JoinRequest, OrganizationRequest
from applications.apply.models import Application
from applications.decisions.models import Offer
from mentorship.assignments.models import Task
from mentorship.evaluations.models import Evaluation
from mentorship.graduates.models import Employer, InterestRequest
from mentorship.mentorships.models import Mentorship
from payments.payouts.models import Payout
from programs.programs.models import Program
from tests.core.transition_builders import (
    make_application,
    make_employer,
    make_evaluation,
    make_interest,
    make_invitation,
    make_join_request,
    make_mentorship,
    make_offer,
    make_organization_request,
    make_payout,
    make_program,
    make_task,
    move_application,
    move_employer,
    move_evaluation,
    move_interest,
    move_invitation,
    move_join_request,
    move_mentorship,
    move_offer,
    move_organization_request,
    move_payout,
    move_program,
    move_task,
)


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
                ("approved", "declined"),  # a correction of its checkpoint to a fail
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
