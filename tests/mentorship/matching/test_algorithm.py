"""Unit tests for mentorship.matching (pure Python: no database, no Django needed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorship.matching._common import ordinal
from mentorship.matching.algorithm import stable_match
from mentorship.matching.explain import explain, explain_all
from mentorship.matching.verify import Violation, ViolationKind, blocking_pairs

ROOT = Path(__file__).resolve().parents[3]


def check_stable(mp, tp, caps, matching) -> None:
    assert blocking_pairs(mp, tp, caps, matching) == []


# --- stable_match: basic behaviour ----------------------------------------------------------


def test_empty_inputs() -> None:
    assert stable_match({}, {}, {}) == {}
    assert blocking_pairs({}, {}, {}, {}) == []
    assert stable_match({"m": []}, {"t": []}, {"t": 1}) == {}
    assert stable_match({}, {"t": ["m"]}, {"t": 1}) == {}


def test_mentee_optimal_not_term_optimal() -> None:
    # Two stable matchings exist; mentees get their 1st choices in the mentee-optimal one.
    mp = {"m1": ["t1", "t2"], "m2": ["t2", "t1"]}
    tp = {"t1": ["m2", "m1"], "t2": ["m1", "m2"]}
    caps = {"t1": 1, "t2": 1}
    assert stable_match(mp, tp, caps) == {"m1": "t1", "m2": "t2"}
    check_stable(mp, tp, caps, {"m1": "t2", "m2": "t1"})  # the term-optimal one


def test_eviction_chain_and_capacity() -> None:
    mp = {"a": ["x", "y"], "b": ["x", "y"], "c": ["x", "y"], "d": ["y"]}
    tp = {"x": ["d", "c", "b", "a"], "y": ["a", "b", "c", "d"]}
    caps = {"x": 2, "y": 1}
    result = stable_match(mp, tp, caps)
    assert result == {"a": "y", "b": "x", "c": "x"}
    assert list(result) == ["a", "b", "c"]  # in mentee_prefs order
    check_stable(mp, tp, caps, result)


def test_capacity_zero_and_missing_mean_no_slots() -> None:
    mp = {"m1": ["zero", "missing", "ok"], "m2": ["zero"]}
    tp = {"zero": ["m1", "m2"], "missing": ["m1"], "ok": ["m1"]}
    caps = {"zero": 0, "ok": 1}
    assert stable_match(mp, tp, caps) == {"m1": "ok"}
    check_stable(mp, tp, caps, {"m1": "ok"})


def test_mentee_lists_term_that_does_not_list_them() -> None:
    mp = {"m1": ["t1", "t2"]}
    tp = {"t1": ["someone_else"], "t2": ["m1"]}
    caps = {"t1": 5, "t2": 1}
    assert stable_match(mp, tp, caps) == {"m1": "t2"}


def test_term_lists_mentee_who_does_not_list_it() -> None:
    mp = {"m1": ["t2"], "m2": []}
    tp = {"t1": ["m1", "m2"], "t2": ["m1"]}
    caps = {"t1": 5, "t2": 1}
    assert stable_match(mp, tp, caps) == {"m1": "t2"}


def test_unknown_ids_are_ignored() -> None:
    # A term nobody defines, a mentee no one knows, capacities of unknown terms.
    mp = {"m1": ["ghost", "t1"]}
    tp = {"t1": ["nobody", "m1"]}
    caps = {"t1": 1, "other": 3}
    assert stable_match(mp, tp, caps) == {"m1": "t1"}


def test_mixed_hashable_ids() -> None:
    mp = {1: ["a", (2, "b")], "one": [(2, "b"), 3.5], (0, 0): ["a", 3.5, (2, "b")], None: ["a"]}
    tp = {"a": [None, (0, 0), 1], (2, "b"): [1, "one", (0, 0)], 3.5: [(0, 0), "one"]}
    caps = {"a": 1, (2, "b"): 1, 3.5: 1}
    result = stable_match(mp, tp, caps)
    assert result == {1: (2, "b"), (0, 0): 3.5, None: "a"}
    check_stable(mp, tp, caps, result)


def test_term_id_none_is_a_real_term() -> None:
    assert stable_match({"m": [None]}, {None: ["m"]}, {None: 1}) == {"m": None}


def test_very_long_lists() -> None:
    terms = list(range(5000))
    mp = {"m": terms, "n": [4999]}
    tp = {t: ["m"] for t in terms[:-1]}  # only the last term ...
    caps = {t: 0 for t in terms[:-1]}  # ... has a slot
    tp[4999] = ["n", "m"]
    caps[4999] = 2
    assert stable_match(mp, tp, caps) == {"m": 4999, "n": 4999}

    mentees = {i: [0] for i in range(5000)}
    result = stable_match(mentees, {0: list(range(4999, -1, -1))}, {0: 3})
    assert result == {4997: 0, 4998: 0, 4999: 0}
    check_stable(mentees, {0: list(range(4999, -1, -1))}, {0: 3}, result)


def test_tuples_accepted_as_lists() -> None:
    assert stable_match({"m": ("t",)}, {"t": ("m",)}, {"t": 1}) == {"m": "t"}


# --- input validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mp", "tp", "caps", "message"),
    [
        ({"m7": ["t1", "t2", "t2"]}, {}, {}, "mentee 'm7' lists term 't2' twice"),
        ({}, {"t2": ["m1", "m7", "m7"]}, {}, "term 't2' lists mentee 'm7' twice"),
        ({}, {(1, 2): [3, 3]}, {}, "term (1, 2) lists mentee 3 twice"),
        ({}, {}, {"t3": -1}, "term 't3' has a negative capacity -1"),
        ({}, {}, {"t3": 2.5}, "term 't3' has a non-integer capacity 2.5"),
        ({}, {}, {"t3": "2"}, "term 't3' has a non-integer capacity '2'"),
        ({}, {}, {"t3": True}, "term 't3' has a non-integer capacity True"),
        ({}, {}, {"t3": None}, "term 't3' has a non-integer capacity None"),
        ({"m1": "t1"}, {}, {}, "mentee 'm1' must list terms as a list, not str"),
        ({"m1": {"t1", "t2"}}, {}, {}, "mentee 'm1' must list terms as a list, not set"),
        ({}, {"t1": iter(["m1"])}, {}, "term 't1' must list mentees as a list, not list_iter"),
    ],
)
def test_bad_input_raises_naming_culprit(mp, tp, caps, message) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        stable_match(mp, tp, caps)
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        blocking_pairs(mp, tp, caps, {})


def test_integer_like_capacity_accepted() -> None:
    class Two:
        def __index__(self) -> int:
            return 2

    assert stable_match({"a": ["t"], "b": ["t"]}, {"t": ["a", "b"]}, {"t": Two()}) == {
        "a": "t",
        "b": "t",
    }


def test_duplicate_beyond_match_still_raises() -> None:
    with pytest.raises(ValueError, match="mentee 'm' lists term 'x' twice"):
        stable_match({"m": ["t", "x", "x"]}, {"t": ["m"]}, {"t": 1})


# --- determinism ----------------------------------------------------------------------------

_SCRIPT = textwrap.dedent(
    """
    import json, random, sys
    sys.path.insert(0, sys.argv[1])
    from mentorship.matching.algorithm import stable_match
    rng = random.Random(7)
    terms = [f"t{j}" for j in range(40)] + [("tuple", j) for j in range(10)]
    mp = {f"m{i}": rng.sample(terms, 4) for i in range(400)}
    tp = {t: [m for m in mp if t in mp[m]] for t in terms}
    for lst in tp.values():
        rng.shuffle(lst)
    caps = {t: rng.randint(0, 4) for t in terms}
    print(json.dumps([[m, repr(t)] for m, t in stable_match(mp, tp, caps).items()]))
    """
)


def test_result_independent_of_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        proc = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(ROOT)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    assert len(json.loads(outputs.pop())) > 50


def test_same_result_whatever_the_dict_order() -> None:
    mp = {"a": ["x", "y"], "b": ["x", "y"], "c": ["y", "x"], "d": ["x"]}
    tp = {"x": ["c", "a", "d", "b"], "y": ["b", "a", "d", "c"]}
    caps = {"x": 1, "y": 2}
    expected = stable_match(mp, tp, caps)
    reversed_mp = dict(reversed(list(mp.items())))
    reversed_tp = dict(reversed(list(tp.items())))
    assert stable_match(reversed_mp, reversed_tp, caps) == expected


def test_import_does_not_need_django() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; import mentorship.matching.algorithm as a; "
        "assert a.stable_match({'m': ['t']}, {'t': ['m']}, {'t': 1}) == {'m': 't'}; "
        "print('django' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


# --- blocking_pairs -------------------------------------------------------------------------

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


# --- explain --------------------------------------------------------------------------------


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
