"""Unit tests for mentorship.matching.algorithm: stable_match, its input checks and its
determinism (pure Python: no database, no Django needed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorship.matching.algorithm import stable_match
from mentorship.matching.verify import blocking_pairs

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
