from .answer import PrerequisiteAnswer
from .application import ACTIVE_STATES, Application, ApplicationState
from .decision_settings import DecisionSettings, ProgramDecisionTexts
from .idempotency import IdempotencyRecord
from .mentorship import Mentorship, MentorshipMentor, MentorshipState
from .offer import Decision, DecisionEmail, DecisionOutcome, EmailKind, Offer, OfferState
from .placement import Placement, TermSlot
from .review import (
    RUBRIC,
    ConflictKind,
    ConflictOfInterest,
    Review,
    ReviewRevision,
    SelectionSettings,
)

__all__ = [
    "ACTIVE_STATES",
    "RUBRIC",
    "Application",
    "ApplicationState",
    "ConflictKind",
    "ConflictOfInterest",
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
    "PrerequisiteAnswer",
    "ProgramDecisionTexts",
    "Review",
    "ReviewRevision",
    "SelectionSettings",
    "TermSlot",
]
