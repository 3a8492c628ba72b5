"""Speed and memory of `repeats` and `similar` (issue 17), as ratios printed, not timed tests.

    python bench/repeats.py [N]      # N recommendations (default 10,000), made from the labelled set's texts

Times are CPU seconds (user + system), not wall time: the machine is shared, and CPU time is what a command costs.
repeats: scrtool's grouping over N recommendations against a sparse TF-IDF all-pairs over the same texts (word
1-2-grams, cosine: the baseline of bench/repeats/evaluate.py), each in a process of its own: its time, and its peak
memory (ru_maxrss) above what the process held before it began, beside what a dense N x N matrix of float64 would
take. similar: N recommendations imported into a store (reports of 100, one `scrtool import` of them all), then
`scrtool similar` as a whole process against the floor of `scrtool trace` (a process that starts, opens a store of
one report and answers); and what the terms cost an import: the last report's import into the full store against
the same report's into an empty one.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time

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


def part(which: str, n: int) -> None:
    """One measure in this process: seconds, and peak memory above the start (MiB), on one line."""
    import resource

    docs, groups = texts(n)
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    if which == "baseline":
        Baseline(docs, groups).pairs(0.22)
    else:
        index = Index(docs, groups)
        gather(index.pairs(PAIR), index.score)
    took = time.process_time() - start
    print(took, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss) / 1024)


def measured(label: str, which: str, n: int) -> float:
    done = subprocess.run(
        [sys.executable, __file__, "--part", which, str(n)], check=True, capture_output=True, text=True
    )
    took, peak = (float(x) for x in done.stdout.split())
    print(f"{label:<44} {took:7.2f} s CPU   peak {peak:7.1f} MiB", flush=True)
    return took


def whole(args: list[str], env: dict[str, str], runs: int = 5) -> float:
    """The least CPU time (user + system) of ``runs`` runs of scrtool ARGS, each a whole process: on a machine
    shared with other work, CPU time is what the command costs, where wall time is mostly who else runs."""
    import resource

    scrtool = os.path.join(os.path.dirname(sys.executable), "scrtool")
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([scrtool, *args], env=env, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(times)


def store_of(n: int, folder: str) -> dict[str, str]:
    """A store of N recommendations in reports of 100 (plans written under ``folder``); its environment."""
    docs, _ = texts(n)
    files = []
    for r in range(0, n, 100):
        rows = "\n".join(f"| {k + 1} | {text.replace('|', '/')} |" for k, text in enumerate(docs[r : r + 100]))
        path = os.path.join(folder, f"r{r // 100}.md")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(f"Review r{r // 100} action plan\n\n| Rec No. | Recommendation |\n|---|---|\n{rows}\n")
        files.append(path)
    env = {**os.environ, "SCRTOOL_DB": os.path.join(folder, "s.db")}
    made = whole(["import", "-q", "--new", *files[:-1]], env, 1)
    print(f"store of {n - 100:,} recommendations in {len(files) - 1} reports made in {made:.1f} s CPU", flush=True)
    empty = {**env, "SCRTOOL_DB": os.path.join(folder, "empty.db")}
    alone = whole(["import", "-q", files[-1]], empty, 1)
    full = whole(["import", "-q", "--new", files[-1]], env, 1)
    print(
        f"import of 100 recommendations: into an empty store {alone:.2f} s CPU, into the store of {n - 100:,} "
        f"{full:.2f} s CPU ({full / alone:.1f}x)"
    )
    return env


def trace_floor() -> float:
    folder = tempfile.mkdtemp()
    env = {**os.environ, "SCRTOOL_DB": os.path.join(folder, "s.db")}
    sample = os.path.join(HERE, "..", "samples", "child-t.md")
    whole(["import", "-q", sample], env, 1)
    return whole(["trace", "1"], env)


def main() -> None:
    if sys.argv[1:2] == ["--part"]:
        part(sys.argv[2], int(sys.argv[3]))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(
        f"{n:,} recommendations; a dense {n:,} x {n:,} float64 matrix would take {n * n * 8 / 2**20:,.0f} MiB",
        flush=True,
    )
    env = store_of(n, tempfile.mkdtemp())
    floor = trace_floor()
    similar = whole(["similar", "1", "--report", "r0"], env)
    print(
        f"similar over {n:,} (whole process): {similar:.3f} s CPU; trace floor {floor:.3f} s CPU; "
        f"similar / trace floor: {similar / floor:.2f}x (goal: at most 1.5x)"
    )
    print(
        f"trace of a recommendation of that store (made before, from the stored terms): "
        f"{whole(['trace', '1', '--report', 'r0'], env):.3f} s CPU",
        flush=True,
    )
    baseline = measured("sparse TF-IDF all-pairs (baseline, >= 0.22)", "baseline", n)
    method = measured("scrtool repeats (index, pairs, groups)", "repeats", n)
    print(f"repeats / all-pairs: {method / baseline:.2f}x (goal: at most 2x)")
    print(f"repeats over that store (whole process): {whole(['repeats'], env, 1):.1f} s CPU")


if __name__ == "__main__":
    main()
