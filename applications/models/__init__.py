from .answer import PrerequisiteAnswer
from .application import ACTIVE_STATES, Application, ApplicationState

__all__ = ["ACTIVE_STATES", "Application", "ApplicationState", "PrerequisiteAnswer"]
