"""Input validation and normalisation shared by the matching modules (no Django)."""

from __future__ import annotations

import operator
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

MenteeId = Hashable
TermId = Hashable
MenteePrefs = Mapping[Any, Sequence[Any]]
TermPrefs = Mapping[Any, Sequence[Any]]
Capacities = Mapping[Any, int]
MatchingInput = Mapping[Any, Any] | Iterable[tuple[Any, Any]]


def check_list(owner_kind: str, owner: Any, items: Any, item_kind: str) -> Sequence[Any]:
    """Return ``items`` if it is an ordered sequence without repeats, else raise ValueError."""
    if type(items) is not list and type(items) is not tuple:
        if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
            raise ValueError(
                f"{owner_kind} {owner!r} must list {item_kind}s as a list, "
                f"not {type(items).__name__}"
            )
    if len(set(items)) != len(items):
        seen = set()
        for item in items:
            if item in seen:
                raise ValueError(f"{owner_kind} {owner!r} lists {item_kind} {item!r} twice")
            seen.add(item)
    return items


def check_mentee_prefs(mentee_prefs: MenteePrefs) -> None:
    """Validate every mentee's list (ordered, no repeats)."""
    for mentee, terms in mentee_prefs.items():
        # Fast path: a plain list/tuple without repeats is the common case.
        if (type(terms) is list or type(terms) is tuple) and len(set(terms)) == len(terms):
            continue
        check_list("mentee", mentee, terms, "term")


def check_capacity(term: Any, capacity: Any) -> int:
    """Return ``capacity`` as an int; raise ValueError if it is not a non-negative integer."""
    if type(capacity) is int and capacity >= 0:
        return capacity
    if isinstance(capacity, bool):
        raise ValueError(f"term {term!r} has a non-integer capacity {capacity!r}")
    try:
        value = operator.index(capacity)
    except TypeError:
        raise ValueError(f"term {term!r} has a non-integer capacity {capacity!r}") from None
    if value < 0:
        raise ValueError(f"term {term!r} has a negative capacity {capacity!r}")
    return value


def check_capacities(capacities: Capacities) -> dict[Any, int]:
    """Validate all capacities; return them as a plain ``{term: int}`` dict."""
    return {term: check_capacity(term, cap) for term, cap in capacities.items()}


def term_ranks(term_prefs: TermPrefs) -> dict[Any, dict[Any, int]]:
    """Validate every term's list; return ``{term: {mentee: rank}}`` (rank 0 = best)."""
    ranks = {}
    for term, mentees in term_prefs.items():
        if type(mentees) is not list and type(mentees) is not tuple:
            check_list("term", term, mentees, "mentee")
        rank = dict(zip(mentees, range(len(mentees)), strict=True))
        if len(rank) != len(mentees):
            check_list("term", term, mentees, "mentee")
        ranks[term] = rank
    return ranks


def matching_pairs(matching: MatchingInput) -> list[tuple[Any, Any]]:
    """Normalise a matching given as ``{mentee: term}`` or as (mentee, term) pairs.

    In the dict form a value of ``None`` means "unmatched" and is skipped.
    """
    if isinstance(matching, Mapping):
        return [(m, t) for m, t in matching.items() if t is not None]
    pairs = []
    for pair in matching:
        try:
            mentee, term = pair
        except (TypeError, ValueError):
            raise ValueError(f"matching entry {pair!r} is not a (mentee, term) pair") from None
        pairs.append((mentee, term))
    return pairs


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 21 -> '21st', 112 -> '112th'."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
