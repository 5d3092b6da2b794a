"""Verifier: list every way a given matching is invalid or unstable (no Django).

Runs in time linear in the total length of the preference lists plus the matching.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mentorship.matching._common import (
    Capacities,
    MatchingInput,
    MenteePrefs,
    TermPrefs,
    check_capacities,
    check_mentee_prefs,
    matching_pairs,
    ordinal,
    term_ranks,
)


class ViolationKind(StrEnum):
    NOT_ACCEPTABLE = "not_acceptable"  # a matched pair that is not mutually acceptable
    OVER_CAPACITY = "over_capacity"  # a term holding more mentees than it has slots
    MATCHED_TWICE = "matched_twice"  # a mentee matched more than once
    BLOCKING_PAIR = "blocking_pair"  # a mentee and a term that would both rather pair up


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem with a matching. ``mentee`` is None for OVER_CAPACITY."""

    kind: ViolationKind
    mentee: Any
    term: Any
    detail: str

    def __str__(self) -> str:
        return f"{self.kind.value.replace('_', ' ')}: {self.detail}"


_NOT_LISTED = float("inf")  # rank of a held mentee the term does not list: worse than anyone


def blocking_pairs(
    mentee_prefs: MenteePrefs,
    term_prefs: TermPrefs,
    capacities: Capacities,
    matching: MatchingInput,
) -> list[Violation]:
    """Return every violation of ``matching``; an empty list means valid and stable.

    ``matching`` is ``{mentee: term}`` (as returned by ``stable_match``) or an iterable
    of ``(mentee, term)`` pairs, which can express a mentee matched twice.

    For stability, a mentee matched several times stands at the best term they list
    among their matches, and one matched only to terms they do not list counts as
    unmatched.  A term is full when it holds at least ``capacity`` mentees, and a
    held mentee the term does not list counts as worse than any mentee it lists.
    Violations come in a deterministic order: pair problems in matching order, then
    over-capacity terms, then blocking pairs in mentee order and preference order.
    """
    caps = check_capacities(capacities)
    check_mentee_prefs(mentee_prefs)
    ranks = term_ranks(term_prefs)
    pairs = matching_pairs(matching)

    out: list[Violation] = []
    add = out.append
    no_ranks: dict[Any, int] = {}
    first_term: dict[Any, Any] = {}  # mentee -> first term they are matched to
    standing: dict[Any, int] = {}  # mentee -> position of their best listed match
    load: dict[Any, int] = {}  # term -> number of mentees it holds
    worst: dict[Any, tuple[float, Any]] = {}  # term -> (rank, mentee) of worst held

    for mentee, term in pairs:
        if mentee in first_term:
            other = first_term[mentee]
            also = "again" if other == term else f"also to term {other!r}"
            add(
                Violation(
                    ViolationKind.MATCHED_TWICE,
                    mentee,
                    term,
                    f"mentee {mentee!r} is matched to term {term!r} and {also}",
                )
            )
        else:
            first_term[mentee] = term

        choices = mentee_prefs.get(mentee, ())
        try:
            pos = choices.index(term)
        except ValueError:
            pos = -1
        r = ranks.get(term, no_ranks).get(mentee)
        if pos < 0 or r is None:
            if pos < 0 and r is None:
                why = "neither lists the other"
            elif pos < 0:
                why = f"mentee {mentee!r} does not list term {term!r}"
            else:
                why = f"term {term!r} does not list mentee {mentee!r}"
            add(
                Violation(
                    ViolationKind.NOT_ACCEPTABLE,
                    mentee,
                    term,
                    f"mentee {mentee!r} is matched to term {term!r} but {why}",
                )
            )
        if pos >= 0 and pos < standing.get(mentee, len(choices)):
            standing[mentee] = pos

        load[term] = load.get(term, 0) + 1
        key = _NOT_LISTED if r is None else r
        if term not in worst or key > worst[term][0]:
            worst[term] = (key, mentee)

    for term, count in load.items():
        cap = caps.get(term, 0)
        if count > cap:
            slots = f"{cap} slot" if cap == 1 else f"{cap} slots"
            add(
                Violation(
                    ViolationKind.OVER_CAPACITY,
                    None,
                    term,
                    f"term {term!r} holds {count} mentees but has {slots}",
                )
            )

    # Blocking pairs: only terms a mentee prefers to where they stand can block.
    get_caps = caps.get
    get_load = load.get
    get_ranks = ranks.get
    get_standing = standing.get
    for mentee, choices in mentee_prefs.items():
        stop = get_standing(mentee)
        if stop is None:
            stop = len(choices)
        for k in range(stop):
            term = choices[k]
            rank = get_ranks(term)
            if rank is None:
                continue
            r = rank.get(mentee)
            if r is None:
                continue
            cap = get_caps(term, 0)
            if cap == 0:
                continue
            if get_load(term, 0) < cap:
                because = f"term {term!r} has a free slot"
            elif r < worst[term][0]:
                because = f"term {term!r} ranks them above mentee {worst[term][1]!r}, whom it holds"
            else:
                continue
            if stop < len(choices):
                now = f"to term {choices[stop]!r} (their {ordinal(stop + 1)} choice)"
            else:
                now = "to being unplaced"
            add(
                Violation(
                    ViolationKind.BLOCKING_PAIR,
                    mentee,
                    term,
                    f"mentee {mentee!r} prefers term {term!r} (their {ordinal(k + 1)} "
                    f"choice) {now}, and {because}",
                )
            )
    return out
