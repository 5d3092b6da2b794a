"""Explain to a mentee, in plain words, why they got the placement they got (no Django)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mentorship.matching._common import (
    Capacities,
    MatchingInput,
    MenteePrefs,
    TermPrefs,
    check_capacity,
    check_list,
    check_mentee_prefs,
    matching_pairs,
    ordinal,
)

TermLabel = Callable[[Any], str] | None


def _slots(n: int) -> str:
    return f"{n} slot" if n == 1 else f"{n} slots"


class _Explainer:
    """Holds the matching indexed by term and mentee, so many mentees can be explained."""

    def __init__(self, term_prefs: TermPrefs, capacities: Capacities, matching: MatchingInput):
        self.term_prefs = term_prefs
        self.capacities = capacities
        self.holders: dict[Any, list[Any]] = {}  # term -> mentees it holds
        self.placed: dict[Any, list[Any]] = {}  # mentee -> terms they hold
        for mentee, term in matching_pairs(matching):
            self.holders.setdefault(term, []).append(mentee)
            self.placed.setdefault(mentee, []).append(term)
        self._ranks: dict[Any, dict[Any, int]] = {}

    def ranks(self, term: Any) -> dict[Any, int]:
        rank = self._ranks.get(term)
        if rank is None:
            mentees = check_list("term", term, self.term_prefs.get(term, ()), "mentee")
            rank = self._ranks[term] = dict(zip(mentees, range(len(mentees)), strict=True))
        return rank

    def reason(self, mentee: Any, term: Any) -> str:
        """Why ``mentee`` is not in ``term`` (a choice they prefer to their placement)."""
        cap = check_capacity(term, self.capacities.get(term, 0))
        if cap == 0:
            return "has no slots"
        rank = self.ranks(term)
        mine = rank.get(mentee)
        if mine is None:
            return "did not list you as acceptable"
        held = self.holders.get(term, [])
        if len(held) < cap:
            free = _slots(cap - len(held))
            return f"still has {free} free, so your placement should be reviewed"
        below = [m for m in held if rank.get(m, len(rank)) > mine]
        if below:
            return (
                f"filled its {_slots(cap)}, but not only with applicants its mentors "
                "ranked higher, so your placement should be reviewed"
            )
        whom = "an applicant" if cap == 1 else "applicants"
        return f"filled its {_slots(cap)} with {whom} its mentors ranked higher"

    def explain(self, mentee: Any, choices: Any, label: TermLabel) -> str:
        choices = check_list("mentee", mentee, choices, "term")

        def name(k: int) -> str:
            text = f"your {ordinal(k + 1)} choice"
            return f"{text} ({label(choices[k])})" if label else text

        terms = self.placed.get(mentee, [])
        positions = [choices.index(t) for t in terms if t in choices]
        if not choices:
            if terms:
                return "Placed in a term that is not on your list (you did not list any choices)."
            return "Not placed: you did not list any choices."
        if positions:
            stop = min(positions)
            head = f"Placed in {name(stop)}"
        elif terms:
            other = f" ({label(terms[0])})" if label else ""
            stop = len(choices)
            head = f"Placed in a term that is not on your list{other}"
        else:
            stop = len(choices)
            head = "Not placed"
        if stop == 0:
            return head + "."
        reasons = "; ".join(f"{name(k)} {self.reason(mentee, choices[k])}" for k in range(stop))
        return f"{head}: {reasons}."


def explain(
    mentee_id: Any,
    mentee_prefs: MenteePrefs,
    term_prefs: TermPrefs,
    capacities: Capacities,
    matching: MatchingInput,
    *,
    term_label: TermLabel = None,
) -> str:
    """Say why ``mentee_id`` got what they got under ``matching``, in a mentee's words.

    E.g. "Placed in your 2nd choice: your 1st choice filled its 2 slots with
    applicants its mentors ranked higher."  Each choice the mentee prefers to their
    placement (all of them, if unplaced) gets a reason: it filled its slots with
    applicants ranked higher, did not list them as acceptable, or has no slots.  If
    the matching is not stable for this mentee the text says it should be reviewed.
    Pass ``term_label`` (e.g. ``str`` or a lookup of term titles) to name the terms.
    Costs O(size of matching + the lists of the terms involved); to explain many
    mentees at once use ``explain_all``.
    """
    explainer = _Explainer(term_prefs, capacities, matching)
    return explainer.explain(mentee_id, mentee_prefs.get(mentee_id, ()), term_label)


def explain_all(
    mentee_prefs: MenteePrefs,
    term_prefs: TermPrefs,
    capacities: Capacities,
    matching: MatchingInput,
    *,
    term_label: TermLabel = None,
) -> dict[Any, str]:
    """``explain`` for every mentee in ``mentee_prefs``, sharing the work: ``{mentee: text}``."""
    check_mentee_prefs(mentee_prefs)
    explainer = _Explainer(term_prefs, capacities, matching)
    return {m: explainer.explain(m, c, term_label) for m, c in mentee_prefs.items()}
