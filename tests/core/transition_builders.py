"""For tests/core/test_transitions.py: how to build an object of each state machine's model in
a given state, and how to move it through its service."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

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
from applications.apply.services.transitions import application_transition
from applications.decisions.models import Offer
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
from programs.programs.services import program_transition
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

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
