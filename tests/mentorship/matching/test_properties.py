"""Property tests for mentorship.matching on random small instances (hypothesis).

Oracles: the PyPI ``matching`` package (resident-optimal HospitalResident), a
term-proposing deferred acceptance written here (rural-hospitals theorem), and a
brute-force O(mentees x terms) stability check.
"""

from __future__ import annotations

import random
import warnings
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorship.matching.algorithm import stable_match
from mentorship.matching.explain import explain_all
from mentorship.matching.verify import ViolationKind, blocking_pairs

# Same examples on every run, and no example database written into the repository.
PROFILE = settings(derandomize=True, max_examples=200, deadline=None, database=None)

Instance = tuple[dict[Any, list[Any]], dict[Any, list[Any]], dict[Any, int]]


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    # Sizes and orders come from an RNG seeded by hypothesis: its own draws favour tiny
    # sizes and near-identity permutations, where preferences agree and the stable
    # matching is trivially unique.
    rng = random.Random(draw(st.integers(0, 2**32)))
    terms = list(range(rng.randint(1, 5)))  # ints, to mix id types with the mentees' strings
    capacities = {}
    for t in terms:
        cap = draw(st.sampled_from([1, 1, 2, 2, 3, 0, None]))
        if cap is not None:
            capacities[t] = cap
    # A balanced market (as many mentees as slots, complete lists) often has several
    # stable matchings, so mentee- and term-optimal differ; otherwise anything goes.
    balanced = draw(st.booleans())
    n_mentees = sum(capacities.values()) if balanced else rng.randint(0, 10)
    mentees = [f"m{i}" for i in range(n_mentees)]
    mentee_prefs = {}
    for m in mentees:
        length = len(terms) if balanced else rng.randint(0, len(terms)) or len(terms)
        mentee_prefs[m] = rng.sample(terms, length)
    term_prefs = {}
    for t in terms:
        # Usually exactly the term's applicants; sometimes some are left out (not
        # acceptable to the term), sometimes mentees who did not apply are listed too.
        listed = [m for m in mentees if t in mentee_prefs[m]]
        if not balanced and draw(st.integers(0, 3)) == 0:
            listed = rng.sample(listed, rng.randint(0, len(listed)))
        if not balanced and draw(st.integers(0, 3)) == 0:
            others = [m for m in mentees if m not in listed]
            listed += rng.sample(others, min(len(others), rng.randint(0, 2)))
        rng.shuffle(listed)
        term_prefs[t] = listed
    return mentee_prefs, term_prefs, capacities


def acceptable(mp, tp, caps) -> tuple[dict, dict]:
    """Lists cleaned to mutually acceptable pairs with a term that has slots."""
    ranked = {t: set(lst) for t, lst in tp.items() if caps.get(t, 0) > 0}
    clean_mp = {m: [t for t in lst if m in ranked.get(t, ())] for m, lst in mp.items()}
    clean_tp = {t: [m for m in tp[t] if t in clean_mp.get(m, ())] for t in tp if caps.get(t, 0) > 0}
    return clean_mp, clean_tp


def package_solution(mp, tp, caps) -> dict:
    """The `matching` package's resident-optimal solution, as {mentee: term}."""
    clean_mp, clean_tp = acceptable(mp, tp, caps)
    # The package wants everyone to have a non-empty list and every hospital a slot.
    residents = {m: lst for m, lst in clean_mp.items() if lst}
    hospitals = {t: lst for t, lst in clean_tp.items() if lst}
    if not residents:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from matching.games import HospitalResident

        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {t: caps[t] for t in hospitals}
        )
        solved = game.solve(optimal="resident")
    return {r.name: h.name for h, rs in solved.items() for r in rs}


def term_proposing(mp, tp, caps) -> dict:
    """Term-optimal stable matching: terms propose down their lists, mentees hold the best."""
    clean_mp, clean_tp = acceptable(mp, tp, caps)
    mentee_rank = {m: {t: i for i, t in enumerate(lst)} for m, lst in clean_mp.items()}
    held: dict[Any, Any] = {}  # mentee -> term
    members: dict[Any, set] = {t: set() for t in clean_tp}
    pointer = dict.fromkeys(clean_tp, 0)
    active = list(clean_tp)
    while active:
        t = active.pop()
        lst = clean_tp[t]
        while len(members[t]) < caps[t] and pointer[t] < len(lst):
            m = lst[pointer[t]]
            pointer[t] += 1
            current = held.get(m)
            if current is None or mentee_rank[m][t] < mentee_rank[m][current]:
                if current is not None:
                    members[current].discard(m)
                    active.append(current)
                held[m] = t
                members[t].add(m)
    return held


def naive_blocking(mp, tp, caps, matching: dict) -> set:
    """Blocking pairs by definition, for a one-to-one matching, checking every pair."""
    out = set()
    for m, lst in mp.items():
        for t in lst:
            if m not in tp.get(t, ()) or caps.get(t, 0) == 0:
                continue
            current = matching.get(m)
            if current in lst and lst.index(current) <= lst.index(t):
                continue
            holders = [x for x, y in matching.items() if y == t]
            if len(holders) < caps[t]:
                out.add((m, t))
                continue
            ranks = [tp[t].index(x) if x in tp[t] else len(tp[t]) for x in holders]
            if tp[t].index(m) < max(ranks):
                out.add((m, t))
    return out


@PROFILE
@given(instances())
def test_result_is_stable_and_valid(instance: Instance) -> None:
    mp, tp, caps = instance
    result = stable_match(mp, tp, caps)
    assert blocking_pairs(mp, tp, caps, result) == []
    assert blocking_pairs(mp, tp, caps, list(result.items())) == []
    for m, t in result.items():
        assert t in mp[m] and m in tp[t]
    for t in tp:
        assert sum(1 for x in result.values() if x == t) <= caps.get(t, 0)
    assert list(result) == [m for m in mp if m in result]


@PROFILE
@given(instances())
def test_equals_matching_package(instance: Instance) -> None:
    mp, tp, caps = instance
    assert stable_match(mp, tp, caps) == package_solution(mp, tp, caps)


@PROFILE
@given(instances())
def test_rural_hospitals_theorem(instance: Instance) -> None:
    mp, tp, caps = instance
    ours = stable_match(mp, tp, caps)
    theirs = term_proposing(mp, tp, caps)
    assert blocking_pairs(mp, tp, caps, theirs) == []
    assert set(ours) == set(theirs)
    for t in tp:
        ours_t = {m for m, x in ours.items() if x == t}
        theirs_t = {m for m, x in theirs.items() if x == t}
        assert len(ours_t) == len(theirs_t)
        if len(ours_t) < caps.get(t, 0):
            assert ours_t == theirs_t  # an under-filled term gets the very same mentees
    for m, t in ours.items():  # mentee-optimal: never worse than in the term-optimal one
        assert mp[m].index(t) <= mp[m].index(theirs[m])


@PROFILE
@given(instances(), st.data())
def test_verifier_agrees_with_brute_force(instance: Instance, data: st.DataObject) -> None:
    mp, tp, caps = instance
    terms = list(tp) + ["nowhere"]
    matching = {m: data.draw(st.sampled_from(terms)) for m in mp if data.draw(st.booleans())}
    violations = blocking_pairs(mp, tp, caps, matching)
    found = {(v.mentee, v.term) for v in violations if v.kind == ViolationKind.BLOCKING_PAIR}
    assert found == naive_blocking(mp, tp, caps, matching)
    assert len(found) == sum(v.kind == ViolationKind.BLOCKING_PAIR for v in violations)
    unacceptable = {(m, t) for m, t in matching.items() if t not in mp[m] or m not in tp.get(t, ())}
    assert {
        (v.mentee, v.term) for v in violations if v.kind == ViolationKind.NOT_ACCEPTABLE
    } == unacceptable
    loads = {t: sum(1 for x in matching.values() if x == t) for t in terms}
    assert {v.term for v in violations if v.kind == ViolationKind.OVER_CAPACITY} == {
        t for t, n in loads.items() if n > caps.get(t, 0)
    }


@PROFILE
@given(instances())
def test_explanations_of_a_stable_matching(instance: Instance) -> None:
    mp, tp, caps = instance
    result = stable_match(mp, tp, caps)
    for m, text in explain_all(mp, tp, caps, result).items():
        assert "reviewed" not in text
        if m in result:
            assert text.startswith("Placed in your ")
        else:
            assert text.startswith("Not placed: ")
        assert text.count(";") == max(
            0, (mp[m].index(result[m]) if m in result else len(mp[m])) - 1
        )


def test_matching_package_is_the_pinned_version() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import matching

    assert matching.__version__ == "1.4.3"
