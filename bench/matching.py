"""Benchmark for mentorship.matching: ``python bench/matching.py [--quick]``.

Random instances with skewed (Zipf-like) term popularity; capacities uniform 1-4; each
term ranks exactly its applicants, in a random order.  Prints the time of
``stable_match`` and ``blocking_pairs`` (best of a few runs), peak memory (tracemalloc,
in a separate pass so it does not distort timings) and the matched count; then compares
with the PyPI ``matching`` package (v1.4.3) on a 3k-mentee instance, if it is installed.
Exit status 1 if a performance target is missed.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import random
import sys
import threading
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, sys.path[0] is bench/, where this file would shadow the PyPI
# ``matching`` package: put the repository root there instead.
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mentorship.matching.algorithm import stable_match  # noqa: E402
from mentorship.matching.verify import blocking_pairs  # noqa: E402

TARGET_SECONDS = 2.0  # 100k mentees x 5 choices x 5k terms: match + verify
TARGET_RATIO = 50.0  # speed-up over the `matching` package at 3k mentees
SKEW = 1.0  # Zipf exponent of term popularity


def make_instance(n_mentees: int, n_choices: int, n_terms: int, seed: int = 0):
    rng = random.Random(seed)
    terms = [f"t{j}" for j in range(n_terms)]
    rng.shuffle(terms)  # popularity unrelated to id
    cum_weights = list(itertools.accumulate(1.0 / (j + 1) ** SKEW for j in range(n_terms)))
    choices = rng.choices
    mentee_prefs: dict[str, list[str]] = {}
    applicants: dict[str, list[str]] = {t: [] for t in terms}
    k = min(n_choices, n_terms)
    for i in range(n_mentees):
        mentee = f"m{i}"
        picked: list[str] = []
        seen: set[str] = set()
        while len(picked) < k:
            for t in choices(terms, cum_weights=cum_weights, k=2 * k):
                if t not in seen and len(picked) < k:
                    seen.add(t)
                    picked.append(t)
        mentee_prefs[mentee] = picked
        for t in picked:
            applicants[t].append(mentee)
    for lst in applicants.values():
        rng.shuffle(lst)
    capacities = {t: rng.randint(1, 4) for t in terms}
    return mentee_prefs, applicants, capacities


def best_time(fn, repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(fn) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run_ours(instance, repeats: int):
    mp, tp, caps = instance
    t_match, result = best_time(lambda: stable_match(mp, tp, caps), repeats)
    t_verify, problems = best_time(lambda: blocking_pairs(mp, tp, caps, result), repeats)
    assert problems == [], problems[:5]
    peak = peak_memory(lambda: blocking_pairs(mp, tp, caps, stable_match(mp, tp, caps)))
    return t_match, t_verify, peak, len(result)


def run_package(instance):
    """Time the `matching` package end to end (build + solve) and solve alone."""
    from matching.games import HospitalResident

    mp, tp, caps = instance
    # The package wants non-empty lists and capacity >= 1: drop terms nobody applied to.
    hp = {t: lst for t, lst in tp.items() if lst}
    hc = {t: caps[t] for t in hp}
    out: dict[str, object] = {}

    def work() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gc.collect()
            start = time.perf_counter()
            game = HospitalResident.create_from_dictionaries(mp, hp, hc)
            built = time.perf_counter()
            solved = game.solve(optimal="resident")
            end = time.perf_counter()
        out["result"] = {r.name: h.name for h, rs in solved.items() for r in rs}
        out["times"] = (end - start, end - built)

    # The package deep-copies its player graph recursively: on thousands of players
    # that needs a higher recursion limit and a bigger stack than the main thread's.
    limit = sys.getrecursionlimit()
    old_stack = threading.stack_size(1 << 29)
    sys.setrecursionlimit(max(limit, 1_000_000))
    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(old_stack)
    if "times" not in out:
        raise RuntimeError("the matching package failed (see traceback above)")
    total, solve = out["times"]
    return total, solve, out["result"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k instances only, 1 repeat")
    args = parser.parse_args(argv)

    sizes = [10_000] if args.quick else [10_000, 100_000]
    print(f"Python {sys.version.split()[0]}; Zipf skew {SKEW}; capacities 1-4; best of runs")
    header = (
        f"{'instance (mentees x choices x terms)':<38}{'match s':>9}{'verify s':>10}"
        f"{'total s':>9}{'peak MiB':>10}{'matched':>9}"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for n, k, terms in itertools.product(sizes, (3, 5), (2_000, 5_000)):
        instance = make_instance(n, k, terms, seed=n + 10 * k + terms)
        repeats = 1 if args.quick else (5 if n <= 10_000 else 3)
        t_match, t_verify, peak, matched = run_ours(instance, repeats)
        total = t_match + t_verify
        flag = ""
        if (n, k, terms) == (100_000, 5, 5_000):
            met = total < TARGET_SECONDS
            ok &= met
            flag = f"  target < {TARGET_SECONDS:g} s: {'MET' if met else 'MISSED'}"
        name = f"{n:,} x {k} x {terms:,}"
        print(
            f"{name:<38}{t_match:>9.3f}{t_verify:>10.3f}{total:>9.3f}"
            f"{peak / 2**20:>10.1f}{matched:>9,}{flag}"
        )

    print()
    instance = make_instance(3_000, 5, 150, seed=3)
    t_ours, ours = best_time(lambda: stable_match(*instance), 5)
    try:
        import matching  # noqa: F401
    except ImportError:
        print("PyPI `matching` package not installed: comparison skipped")
        return 0 if ok else 1
    t_pkg, t_solve, theirs = run_package(instance)
    same = theirs == ours
    ratio = t_pkg / t_ours
    met = ratio >= TARGET_RATIO
    ok &= met and same
    print(f"3,000 x 5 x 150 vs matching {matching.__version__} (resident-optimal HospitalResident)")
    print(f"  ours stable_match:            {t_ours * 1000:9.1f} ms")
    print(f"  matching build + solve:       {t_pkg * 1000:9.1f} ms  -> {ratio:,.0f}x faster")
    print(f"  matching solve() alone:       {t_solve * 1000:9.1f} ms  -> {t_solve / t_ours:,.0f}x")
    print(f"  same matching: {same}; target >= {TARGET_RATIO:g}x: {'MET' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
