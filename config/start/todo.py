"""The home page (what the platform is, open programs, deadlines, figures) and the personal
start page after sign-in (what to do next, per role the person holds).

These pages read every app, so they live in the top layer (config may import them all).
Each to-do list is built by one small function here from the apps' own selectors and models.

This module: a to-do and the start page's shape; members.py builds the to-dos of
organization members (mentee, mentor, admin), platform.py those of staff, employers and
graduates, page.py puts them together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from applications.apply.models import ApplicationState
from programs.catalog.matching import ProgramMatch

S = ApplicationState


@dataclass
class Todo:
    """One thing to do: a sentence, where to do it, and by when (if there is a deadline)."""

    text: str
    url: str
    action: str
    due: datetime | None = None


@dataclass
class StartPage:
    mentee: list[Todo] = field(default_factory=list)
    mentor: list[Todo] = field(default_factory=list)
    admin: list[Todo] = field(default_factory=list)
    staff: list[Todo] = field(default_factory=list)
    employer: list[Todo] = field(default_factory=list)
    graduate: list[Todo] = field(default_factory=list)
    employer_name: str = ""
    is_graduate: bool = False
    matches: list[ProgramMatch] = field(default_factory=list)
    profile_missing: list[str] = field(default_factory=list)
    show_mentee: bool = True
    has_profile: bool = False
    is_mentor: bool = False
    is_admin: bool = False
    has_applications: bool = False
