"""Programs that fit a mentee: how well a program's skills meet the skills (and levels) on
the mentee's profile. The program description this platform grew from matches mentees
"based on their skills and interests"; this is the catalog's "best match" order and the
mentee start page's suggestions.

The score of a program is the share of its skills the mentee brings, weighted by level
(expert 4, advanced 3, intermediate 2, beginner 1, out of 4 per skill); a skill the mentee
only wants to learn ("skills to grow") counts 1. Programs without skills score 0. Names
are compared without case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from accounts.people.models import MenteeProfile, SkillLevel
from programs.programs.models import Program

LEVEL_WEIGHT = {
    SkillLevel.BEGINNER: 1,
    SkillLevel.INTERMEDIATE: 2,
    SkillLevel.ADVANCED: 3,
    SkillLevel.EXPERT: 4,
}
MAX_WEIGHT = max(LEVEL_WEIGHT.values())
INTEREST_WEIGHT = 1


@dataclass
class MatchedSkill:
    name: str
    level: str  # the level's label ("Advanced"), or "wants to learn"


@dataclass
class ProgramMatch:
    program: Program
    score: int  # 0..100
    matched: list[MatchedSkill] = field(default_factory=list)

    @property
    def matched_names(self) -> list[str]:
        return [m.name for m in self.matched]


def _profile_skills(profile: MenteeProfile | None) -> tuple[dict[str, str], set[str]]:
    if profile is None:
        return {}, set()
    levels: dict[str, str] = {}
    for entry in profile.skills or []:
        if isinstance(entry, dict) and entry.get("name"):
            levels[str(entry["name"]).strip().lower()] = str(entry.get("level") or "")
    interests = {str(s).strip().lower() for s in (profile.skills_to_grow or []) if s}
    return levels, interests


def has_skills(profile: MenteeProfile | None) -> bool:
    levels, interests = _profile_skills(profile)
    return bool(levels or interests)


def program_match(program: Program, profile: MenteeProfile | None) -> ProgramMatch:
    """How well `program` (with its skills prefetched) fits the profile."""
    levels, interests = _profile_skills(profile)
    skills = list(program.skills.all())
    matched: list[MatchedSkill] = []
    points = 0
    for skill in skills:
        key = skill.name.lower()
        if key in levels:
            weight = LEVEL_WEIGHT.get(levels[key], 1)
            points += weight
            label = SkillLevel(levels[key]).label if levels[key] in SkillLevel.values else "Listed"
            matched.append(MatchedSkill(name=skill.name, level=label))
        elif key in interests:
            points += INTEREST_WEIGHT
            matched.append(MatchedSkill(name=skill.name, level="wants to learn"))
    score = round(100 * points / (MAX_WEIGHT * len(skills))) if skills else 0
    return ProgramMatch(program=program, score=score, matched=matched)


def rank_programs(programs, profile: MenteeProfile | None) -> list[ProgramMatch]:
    """Every program with its match, best first (then by name). Stable for equal scores."""
    matches = [program_match(p, profile) for p in programs]
    matches.sort(key=lambda m: (-m.score, -len(m.matched), m.program.name.lower(), m.program.pk))
    return matches


def best_matches(
    *, profile: MenteeProfile | None, now: datetime | None = None
) -> list[ProgramMatch]:
    """The open programs of the catalog that share at least one skill with the profile,
    best match first."""
    from programs.catalog.selectors import catalog_programs

    if not has_skills(profile):
        return []
    return [m for m in rank_programs(catalog_programs(now=now), profile) if m.matched]
