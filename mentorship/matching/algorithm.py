"""Stable matching of mentees to terms (hospitals/residents): mentee-proposing deferred acceptance.

The problem
    Each mentee ranks the terms they would accept, best first; each term ranks the
    mentees it would accept, best first, and has a number of slots (its capacity).
    A pair is *acceptable* only if each side lists the other.  A matching gives each
    mentee at most one term and each term at most ``capacity`` mentees, all acceptable.
    It is *stable* if there is no blocking pair: a mentee ``m`` and a term ``t`` that
    list each other, where ``m`` is unmatched or prefers ``t`` to their term, and ``t``
    has a free slot or ranks ``m`` above one of the mentees it holds.

The algorithm (Gale & Shapley 1962, Roth 1984)
    Every free mentee applies to the best term on their list they have not tried yet.
    The term tentatively holds its ``capacity`` best applicants so far and rejects the
    rest (a rejected mentee, or one bumped out later, becomes free and applies again).
    It ends when every mentee is held or has exhausted their list.

Guarantees
    * Stability: the result has no blocking pair (``blocking_pairs`` checks this).
    * Mentee-optimality: every mentee gets the best term they get in *any* stable
      matching (and every term its worst stable set); no mentee gains by lying.
    * Uniqueness/determinism: that matching is unique, so the result does not depend
      on proposal order, dict order or the hash seed.
    * Rural-hospitals theorem: every stable matching matches the same mentees and
      fills each term to the same count; an under-filled term gets the same mentees.
    * Complexity: O(L log c) time and O(L) memory, where L is the total length of
      all preference lists and c the largest capacity (each mentee applies to each
      term at most once; a term's held mentees live in a heap keyed by rank).

Ids are arbitrary hashables; they are kept as given (never sorted or hashed into
ordering decisions).  ``blocking_pairs`` (verifier) and ``explain`` (wording for a
mentee) live in ``verify.py`` and ``explain.py`` and are re-exported here.
"""

from __future__ import annotations

from heapq import heappush, heapreplace
from typing import Any

from mentorship.matching._common import (
    Capacities,
    MenteePrefs,
    TermPrefs,
    check_capacities,
    check_mentee_prefs,
    ordinal,
    term_ranks,
)
from mentorship.matching.explain import explain, explain_all
from mentorship.matching.verify import Violation, ViolationKind, blocking_pairs

__all__ = [
    "Violation",
    "ViolationKind",
    "blocking_pairs",
    "explain",
    "explain_all",
    "ordinal",
    "stable_match",
]


def stable_match(
    mentee_prefs: MenteePrefs, term_prefs: TermPrefs, capacities: Capacities
) -> dict[Any, Any]:
    """Return the mentee-optimal stable matching as ``{mentee_id: term_id}``.

    ``mentee_prefs``: mentee -> term ids, best first.  ``term_prefs``: term -> mentee
    ids, best first.  ``capacities``: term -> number of slots (missing or 0: none).
    Only matched mentees appear in the result, in the order of ``mentee_prefs``.

    Raises ValueError naming the culprit for a repeated id in a list, or a negative
    or non-integer capacity.
    """
    caps = check_capacities(capacities)
    check_mentee_prefs(mentee_prefs)
    ranks = term_ranks(term_prefs)

    mentees = list(mentee_prefs)
    prefs = [mentee_prefs[m] for m in mentees]
    n = len(mentees)
    if n == 0:
        return {}

    # term -> (rank dict, heap of held mentees, capacity); only terms that can take anyone.
    # A held mentee i with rank r is stored as the int -(r * n + i): the heap's smallest
    # key is the worst-ranked held mentee, and i is recovered as (-key) % n.
    terms: dict[Any, tuple[dict[Any, int], list[int], int]] = {}
    for term, rank in ranks.items():
        cap = caps.get(term, 0)
        if cap > 0 and rank:
            terms[term] = (rank, [], cap)

    next_choice = [0] * n
    free = list(range(n - 1, -1, -1))  # pop() yields mentees in input order
    pop = free.pop
    push = free.append
    get_term = terms.get
    while free:
        i = pop()
        mentee = mentees[i]
        choices = prefs[i]
        k = next_choice[i]
        end = len(choices)
        while k < end:
            entry = get_term(choices[k])
            k += 1
            if entry is None:
                continue
            rank, held, cap = entry
            r = rank.get(mentee)
            if r is None:
                continue
            key = -(r * n + i)
            if len(held) < cap:
                heappush(held, key)
                break
            if key > held[0]:
                push(-heapreplace(held, key) % n)
                break
        next_choice[i] = k

    unmatched = object()
    assigned: list[Any] = [unmatched] * n
    for term, (_, held, _) in terms.items():
        for key in held:
            assigned[-key % n] = term
    return {mentees[i]: t for i, t in enumerate(assigned) if t is not unmatched}
