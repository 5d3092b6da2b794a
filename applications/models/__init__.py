from .answer import PrerequisiteAnswer
from .application import ACTIVE_STATES, Application, ApplicationState

__all__ = ["ACTIVE_STATES", "Application", "ApplicationState", "PrerequisiteAnswer"]
from .review import (  # noqa: E402  (review area)
    RUBRIC,
    ConflictKind,
    ConflictOfInterest,
    Review,
    ReviewRevision,
    SelectionSettings,
)

__all__ += [
    "RUBRIC",
    "ConflictKind",
    "ConflictOfInterest",
    "Review",
    "ReviewRevision",
    "SelectionSettings",
]
