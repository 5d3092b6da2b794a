"""Unit tests for mentorship.matching.explain: why each mentee was or was not placed (pure
Python: no database, no Django needed)."""

from __future__ import annotations

import pytest

from mentorship.matching._common import ordinal
from mentorship.matching.algorithm import stable_match
from mentorship.matching.explain import explain, explain_all


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (1002, "1002nd"),
    ],
)
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


EMP = {
    "first": ["full", "other"],
    "second": ["full", "open"],
    "loser": ["full"],
    "mixed": ["closed", "picky", "full", "open"],
    "unplaced": ["closed", "picky", "full"],
    "nobody": [],
    "filler1": ["full"],
    "filler2": ["full"],
}
ETP = {
    "full": ["first", "filler1", "filler2", "loser", "second", "mixed", "unplaced"],
    "other": [],
    "open": ["second", "mixed"],
    "picky": ["first"],
    "closed": ["mixed", "unplaced"],
}
ECAPS = {"full": 3, "open": 5, "picky": 1}


@pytest.fixture
def placed() -> dict:
    result = stable_match(EMP, ETP, ECAPS)
    assert result == {
        "first": "full",
        "second": "open",
        "mixed": "open",
        "filler1": "full",
        "filler2": "full",
    }
    return result


def test_explain_first_choice(placed) -> None:
    assert explain("first", EMP, ETP, ECAPS, placed) == "Placed in your 1st choice."


def test_explain_kth_choice(placed) -> None:
    assert explain("second", EMP, ETP, ECAPS, placed) == (
        "Placed in your 2nd choice: your 1st choice filled its 3 slots with applicants "
        "its mentors ranked higher."
    )


def test_explain_every_reason(placed) -> None:
    assert explain("mixed", EMP, ETP, ECAPS, placed) == (
        "Placed in your 4th choice: your 1st choice has no slots; "
        "your 2nd choice did not list you as acceptable; "
        "your 3rd choice filled its 3 slots with applicants its mentors ranked higher."
    )


def test_explain_not_placed(placed) -> None:
    assert explain("unplaced", EMP, ETP, ECAPS, placed) == (
        "Not placed: your 1st choice has no slots; "
        "your 2nd choice did not list you as acceptable; "
        "your 3rd choice filled its 3 slots with applicants its mentors ranked higher."
    )


def test_explain_no_choices(placed) -> None:
    expected = "Not placed: you did not list any choices."
    assert explain("nobody", EMP, ETP, ECAPS, placed) == expected
    assert explain("stranger", EMP, ETP, ECAPS, placed) == expected


def test_explain_single_slot_and_labels() -> None:
    mp = {"a": ["x", "y"], "b": ["x"]}
    tp = {"x": ["b", "a"], "y": ["a"]}
    caps = {"x": 1, "y": 1}
    result = stable_match(mp, tp, caps)
    titles = {"x": "Python 101", "y": "Rust 101"}
    assert explain("a", mp, tp, caps, result, term_label=titles.__getitem__) == (
        "Placed in your 2nd choice (Rust 101): your 1st choice (Python 101) filled its "
        "1 slot with an applicant its mentors ranked higher."
    )


def test_explain_flags_unstable_matchings() -> None:
    mp = {"a": ["x", "y"], "b": ["x"]}
    tp = {"x": ["a", "b"], "y": ["a"]}
    caps = {"x": 1, "y": 1}
    text = explain("a", mp, tp, caps, {"a": "y", "b": "x"})
    assert text == (
        "Placed in your 2nd choice: your 1st choice filled its 1 slot, but not only with "
        "applicants its mentors ranked higher, so your placement should be reviewed."
    )
    text = explain("a", mp, tp, caps, {"a": "y"})
    assert text == (
        "Placed in your 2nd choice: your 1st choice still has 1 slot free, "
        "so your placement should be reviewed."
    )
    text = explain("b", mp, tp, caps, {"b": "y"}, term_label=str)
    assert text == "Placed in a term that is not on your list (y): your 1st choice (x) " + (
        "still has 1 slot free, so your placement should be reviewed."
    )


def test_explain_all_matches_explain(placed) -> None:
    texts = explain_all(EMP, ETP, ECAPS, placed)
    assert list(texts) == list(EMP)
    assert texts == {m: explain(m, EMP, ETP, ECAPS, placed) for m in EMP}


def test_explain_rejects_duplicates(placed) -> None:
    with pytest.raises(ValueError, match="mentee 'dup' lists term 'full' twice"):
        explain("dup", {"dup": ["full", "full"]}, ETP, ECAPS, placed)
    with pytest.raises(ValueError, match="term 'full' has a negative capacity -2"):
        explain("loser", EMP, ETP, {"full": -2}, placed)
