"""Speed and memory of `repeats` and `similar` (issue 17), as ratios printed, not timed tests.

    python bench/repeats.py [N]      # N recommendations (default 10,000), made from the labelled set's texts

repeats: scrtool's grouping over N recommendations against a sparse TF-IDF all-pairs over the same texts (word
1-2-grams, cosine: the baseline of bench/repeats/evaluate.py), both in this interpreter; memory is tracemalloc's
peak, beside what a dense N x N matrix of float64 would take. similar: one query's time (its corpus built, as a
command builds it) against the floor of `scrtool trace` (a process that starts, opens a store and answers).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))
sys.path.insert(0, os.path.join(HERE, "repeats"))

from evaluate import Baseline, load  # noqa: E402

from scrtool.similar.groups import PAIR, gather  # noqa: E402
from scrtool.similar.index import Index  # noqa: E402


def texts(n: int) -> tuple[list[str], list[str]]:
    """N texts: the labelled ones with words dropped and swapped at random, in reports of ten."""
    rng = random.Random(17)
    base = [r.text for r in load()]
    out = []
    for i in range(n):
        words = rng.choice(base).split()
        for _ in range(3):
            a, b = rng.randrange(len(words)), rng.randrange(len(words))
            words[a], words[b] = words[b], words[a]
        out.append(" ".join(w for w in words if rng.random() > 0.1) + f" ref{i % 977}")
    return out, [f"r{i // 10}" for i in range(n)]


def measured(label: str, run: object) -> float:
    tracemalloc.start()
    start = time.perf_counter()
    run()  # type: ignore[operator]
    took = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<44} {took:7.2f} s   peak {peak / 2**20:7.1f} MiB")
    return took


def trace_floor() -> float:
    folder = tempfile.mkdtemp()
    env = {**os.environ, "SCRTOOL_DB": os.path.join(folder, "s.db")}
    scrtool = os.path.join(os.path.dirname(sys.executable), "scrtool")
    sample = os.path.join(HERE, "..", "samples", "child-t.md")
    subprocess.run([scrtool, "import", "-q", sample], env=env, check=True, capture_output=True)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([scrtool, "trace", "1"], env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return min(runs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    docs, groups = texts(n)
    print(f"{n:,} recommendations; a dense {n:,} x {n:,} float64 matrix would take {n * n * 8 / 2**20:,.0f} MiB")
    baseline = measured("sparse TF-IDF all-pairs (baseline, >= 0.22)", lambda: Baseline(docs, groups).pairs(0.22))

    def ours() -> None:
        index = Index(docs, groups)
        gather(index.pairs(PAIR), index.score)

    method = measured("scrtool repeats (index, pairs, groups)", ours)
    print(f"repeats / all-pairs: {method / baseline:.2f}x (goal: at most 2x)")
    start = time.perf_counter()
    Index(docs, groups).nearest(0, 10)
    one = time.perf_counter() - start
    floor = trace_floor()
    print(f"similar, one query over {n:,}: {one:.3f} s in process; trace floor {floor:.3f} s; "
          f"similar / trace floor: {(floor + one) / floor:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    main()
