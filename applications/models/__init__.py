from .answer import PrerequisiteAnswer
from .application import ACTIVE_STATES, Application, ApplicationState
from .decision_settings import DecisionSettings, ProgramDecisionTexts
from .idempotency import IdempotencyRecord
from .mentorship import Mentorship, MentorshipMentor, MentorshipState
from .offer import Decision, DecisionEmail, DecisionOutcome, EmailKind, Offer, OfferState
from .placement import Placement, TermSlot

__all__ = [
    "ACTIVE_STATES",
    "Application",
    "ApplicationState",
    "PrerequisiteAnswer",
    # decisions
    "Decision",
    "DecisionEmail",
    "DecisionOutcome",
    "DecisionSettings",
    "EmailKind",
    "IdempotencyRecord",
    "Mentorship",
    "MentorshipMentor",
    "MentorshipState",
    "Offer",
    "OfferState",
    "Placement",
    "ProgramDecisionTexts",
    "TermSlot",
]
