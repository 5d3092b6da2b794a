from .cycle import Cycle
from .prerequisite import AnswerType, Prerequisite, PrerequisiteKind
from .program import Program, ProgramStatus, Skill
from .term import Milestone, MilestoneKind, Term, TermKind, TermMentor

__all__ = [
    "AnswerType",
    "Cycle",
    "Milestone",
    "MilestoneKind",
    "Prerequisite",
    "PrerequisiteKind",
    "Program",
    "ProgramStatus",
    "Skill",
    "Term",
    "TermKind",
    "TermMentor",
]
