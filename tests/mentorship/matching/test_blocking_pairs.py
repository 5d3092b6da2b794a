"""Unit tests for mentorship.matching.verify: the blocking pairs that make a matching
unstable (pure Python: no database, no Django needed)."""

from __future__ import annotations

import pytest

from mentorship.matching.algorithm import stable_match
from mentorship.matching.verify import Violation, ViolationKind, blocking_pairs

MP = {"a": ["x", "y"], "b": ["x", "y"], "c": ["x"], "d": ["z", "x"]}
TP = {"x": ["c", "b", "a", "d"], "y": ["a", "b"], "z": []}
CAPS = {"x": 1, "y": 1, "z": 3}


def test_stable_result_has_no_violations() -> None:
    result = stable_match(MP, TP, CAPS)
    assert result == {"a": "y", "c": "x"}
    assert blocking_pairs(MP, TP, CAPS, result) == []
    assert blocking_pairs(MP, TP, CAPS, list(result.items())) == []
    assert blocking_pairs(MP, TP, CAPS, {**result, "b": None, "d": None}) == []


def test_blocking_pair_free_slot() -> None:
    violations = blocking_pairs(MP, TP, CAPS, {"c": "x"})
    assert violations == [
        Violation(
            ViolationKind.BLOCKING_PAIR,
            mentee,
            "y",
            f"mentee {mentee!r} prefers term 'y' (their 2nd choice) to being unplaced, "
            "and term 'y' has a free slot",
        )
        for mentee in ("a", "b")
    ]
    assert str(violations[0]).startswith("blocking pair: mentee 'a' prefers term 'y'")


def test_blocking_pair_ranked_above_worst_held() -> None:
    violations = blocking_pairs(MP, TP, CAPS, {"a": "x", "b": "y"})
    # a holds its 1st choice; b (in its 2nd) and c (unplaced) both outrank a at x.
    assert [(v.kind, v.mentee, v.term) for v in violations] == [
        (ViolationKind.BLOCKING_PAIR, "b", "x"),
        (ViolationKind.BLOCKING_PAIR, "c", "x"),
    ]
    assert "ranks them above mentee 'a', whom it holds" in violations[0].detail
    assert "(their 2nd choice)" in violations[0].detail


def test_not_mutually_acceptable() -> None:
    mp = {"a": ["x"], "b": ["y"], "c": []}
    tp = {"x": ["a", "b"], "y": ["a"]}
    caps = {"x": 2, "y": 2}
    violations = blocking_pairs(mp, tp, caps, {"a": "y", "b": "y", "c": "x", "q": "x"})
    unacceptable = [v for v in violations if v.kind == ViolationKind.NOT_ACCEPTABLE]
    assert [(v.mentee, v.term) for v in unacceptable] == [
        ("a", "y"),
        ("b", "y"),
        ("c", "x"),
        ("q", "x"),
    ]
    assert unacceptable[0].detail.endswith("mentee 'a' does not list term 'y'")
    assert unacceptable[1].detail.endswith("term 'y' does not list mentee 'b'")
    assert unacceptable[2].detail.endswith("neither lists the other")
    assert unacceptable[3].detail.endswith("neither lists the other")
    assert str(unacceptable[0]) == (
        "not acceptable: mentee 'a' is matched to term 'y' but mentee 'a' does not list term 'y'"
    )
    # a, placed where it did not ask, counts as unplaced: x (full of unlisted mentees) blocks.
    assert [(v.kind, v.mentee, v.term) for v in violations[4:]] == [
        (ViolationKind.BLOCKING_PAIR, "a", "x")
    ]


def test_neither_lists_the_other() -> None:
    [violation] = blocking_pairs({"m": []}, {"t": []}, {"t": 1}, {"m": "t"})
    assert violation.kind == ViolationKind.NOT_ACCEPTABLE
    assert violation.detail.endswith("neither lists the other")


def test_over_capacity() -> None:
    violations = blocking_pairs(MP, TP, CAPS, [("c", "x"), ("b", "x"), ("a", "y")])
    assert [(v.kind, v.mentee, v.term) for v in violations] == [
        (ViolationKind.OVER_CAPACITY, None, "x")
    ]
    assert str(violations[0]) == "over capacity: term 'x' holds 2 mentees but has 1 slot"
    zero = blocking_pairs({"m": ["t"]}, {"t": ["m"]}, {}, {"m": "t"})
    assert [str(v) for v in zero] == ["over capacity: term 't' holds 1 mentees but has 0 slots"]


def test_matched_twice() -> None:
    violations = blocking_pairs(MP, TP, CAPS, [("a", "y"), ("c", "x"), ("a", "x"), ("c", "x")])
    twice = [v for v in violations if v.kind == ViolationKind.MATCHED_TWICE]
    assert [(v.mentee, v.term) for v in twice] == [("a", "x"), ("c", "x")]
    assert twice[0].detail == "mentee 'a' is matched to term 'x' and also to term 'y'"
    assert twice[1].detail == "mentee 'c' is matched to term 'x' and again"
    assert str(twice[0]).startswith("matched twice: ")


def test_bad_matching_entry() -> None:
    with pytest.raises(ValueError, match="not a \\(mentee, term\\) pair"):
        blocking_pairs(MP, TP, CAPS, [("a", "x", "extra")])


def test_violation_is_frozen() -> None:
    violation = Violation(ViolationKind.BLOCKING_PAIR, "m", "t", "detail")
    with pytest.raises(AttributeError):
        violation.kind = ViolationKind.OVER_CAPACITY  # type: ignore[misc]
    assert violation.kind == "blocking_pair"


def test_verifier_scales_linearly_enough() -> None:
    n = 20_000
    mp = {i: [i % 50, (i + 1) % 50, (i + 7) % 50] for i in range(n)}
    tp = {t: [i for i in range(n) if t in mp[i]] for t in range(50)}
    caps = {t: 40 for t in range(50)}
    result = stable_match(mp, tp, caps)
    assert len(result) == 2000
    assert blocking_pairs(mp, tp, caps, result) == []
