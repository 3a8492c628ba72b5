"""How well `similar` and `repeats` find the same recommendation: the TF-IDF baseline of issue 17 and scrtool's
method, on the labelled set (labelled.json), tuned on one half and measured on the other.

    python bench/repeats/evaluate.py            # figures on the held-out half
    python bench/repeats/evaluate.py --tune     # the thresholds each method would pick on the tuning half

The set is split by label: every group of the same recommendation (and every recommendation like no other) goes
whole to one half, alternately in the order of their names, so no pair is split between tuning and measuring.
Each half is searched as a store of its own: `similar` ranks the recommendations of the other reviews in its half.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "src"))

from scrtool.similar.groups import LINK, PAIR, gather  # noqa: E402
from scrtool.similar.index import Index  # noqa: E402


@dataclass(frozen=True, slots=True)
class Rec:
    review: str
    number: str
    text: str
    group: str | None
    origin: str


def load(path: str = os.path.join(HERE, "labelled.json")) -> list[Rec]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    origin = {r["id"]: r["origin"] for r in data["reviews"]}
    return [Rec(r["review"], r["number"], r["text"], r["group"], origin[r["review"]]) for r in data["recommendations"]]


def halves(recs: Sequence[Rec]) -> tuple[list[Rec], list[Rec]]:
    labels = sorted({r.group or f"{r.review}/{r.number}" for r in recs})
    tune = set(labels[0::2])
    first = [r for r in recs if (r.group or f"{r.review}/{r.number}") in tune]
    return first, [r for r in recs if (r.group or f"{r.review}/{r.number}") not in tune]


# -- the baseline: TF-IDF over word 1-2-grams, cosine (scikit-learn's TfidfVectorizer defaults) ------------------

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class Baseline:
    def __init__(self, texts: Sequence[str], groups: Sequence[str]) -> None:
        grams = []
        for text in texts:
            words = _TOKEN.findall(text.lower())
            counts: dict[str, int] = {}
            for g in words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]:
                counts[g] = counts.get(g, 0) + 1
            grams.append(counts)
        df: dict[str, int] = {}
        for counts in grams:
            for g in counts:
                df[g] = df.get(g, 0) + 1
        n = len(texts)
        idf = {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items()}
        self.vectors = [_unit({g: c * idf[g] for g, c in counts.items()}) for counts in grams]
        self.groups = list(groups)
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, v in enumerate(self.vectors):
            for g, w in v.items():
                self.postings.setdefault(g, []).append((i, w))

    def score(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        return sum(w * b[g] for g, w in a.items() if g in b)

    def nearest(self, i: int, limit: int) -> list[tuple[int, float]]:
        sums: dict[int, float] = {}
        for g, w in self.vectors[i].items():
            for j, x in self.postings[g]:
                sums[j] = sums.get(j, 0.0) + w * x
        found = [(j, s) for j, s in sums.items() if self.groups[j] != self.groups[i]]
        found.sort(key=lambda js: (-js[1], js[0]))
        return found[:limit]

    def pairs(self, threshold: float) -> list[tuple[int, int, float]]:
        out = []
        for i in range(len(self.vectors)):
            for j, s in self.nearest(i, len(self.vectors)):
                if j > i and s >= threshold:
                    out.append((i, j, s))
        return out


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in v.values()))
    return {k: w / norm for k, w in v.items()} if norm else {}


# -- measures -----------------------------------------------------------------------------------------------------


def ranking(recs: Sequence[Rec], nearest: Callable[[int, int], list[tuple[int, float]]]) -> tuple[float, float, int]:
    """First-five recall and MRR over the recommendations with a true match in another review of ``recs``."""
    hits = rr = 0.0
    asked = 0
    for i, r in enumerate(recs):
        truth = {j for j, o in enumerate(recs) if r.group and o.group == r.group and o.review != r.review}
        if not truth:
            continue
        asked += 1
        ranked = [j for j, _ in nearest(i, len(recs))]
        first = next((n for n, j in enumerate(ranked, 1) if j in truth), None)
        hits += first is not None and first <= 5
        rr += 1 / first if first else 0.0
    return hits / asked, rr / asked, asked


def gold_pairs(recs: Sequence[Rec]) -> set[frozenset[int]]:
    return {
        frozenset((i, j))
        for i, a in enumerate(recs)
        for j, b in enumerate(recs)
        if i < j and a.group and a.group == b.group and a.review != b.review
    }


def grouped_pairs(recs: Sequence[Rec], groups: Sequence[Sequence[int]]) -> set[frozenset[int]]:
    return {
        frozenset((i, j))
        for g in groups
        for n, i in enumerate(g)
        for j in g[n + 1 :]
        if recs[i].review != recs[j].review
    }


def prf(found: set[frozenset[int]], gold: set[frozenset[int]]) -> tuple[float, float, float]:
    right = len(found & gold)
    p = right / len(found) if found else 0.0
    r = right / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def components(n: int, pairs: Sequence[tuple[int, int, float]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in pairs:
        parent[find(i)] = find(j)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(find(i), []).append(i)
    return [g for g in out.values() if len(g) > 1]


def baseline_groups(recs: Sequence[Rec], threshold: float) -> list[list[int]]:
    b = Baseline([r.text for r in recs], [r.review for r in recs])
    return components(len(recs), b.pairs(threshold))


def method_groups(recs: Sequence[Rec], pair: float = PAIR, link: float = LINK) -> list[list[int]]:
    index = Index([r.text for r in recs], [r.review for r in recs])
    return [list(g.members) for g in gather(index.pairs(pair), index.score, link=link)]


def report(
    name: str, recs: Sequence[Rec], nearest: Callable[[int, int], list[tuple[int, float]]], groups: list[list[int]]
) -> None:
    recall, mrr, asked = ranking(recs, nearest)
    p, r, f = prf(grouped_pairs(recs, groups), gold_pairs(recs))
    print(
        f"{name:<9} similar: first-five recall {recall:.2f}  MRR {mrr:.2f}  ({asked} queries)   "
        f"repeats: pair precision {p:.2f}  recall {r:.2f}  F1 {f:.2f}"
    )


def tune(recs: Sequence[Rec]) -> None:
    gold = gold_pairs(recs)
    best = max((prf(grouped_pairs(recs, baseline_groups(recs, t / 100)), gold)[2], t / 100) for t in range(10, 90, 2))
    print(f"baseline: best threshold {best[1]:.2f} (F1 {best[0]:.2f} on the tuning half)")
    scores = [
        (prf(grouped_pairs(recs, method_groups(recs, p / 100, link / 100)), gold), p / 100, link / 100)
        for p in range(20, 70, 2)
        for link in range(16, 60, 4)
        if link <= p
    ]
    for (p, r, f), pair, link in sorted(scores, key=lambda s: -s[0][2])[:8]:
        print(f"method: pair {pair:.2f} link {link:.2f}: precision {p:.2f} recall {r:.2f} F1 {f:.2f}")


BASELINE_THRESHOLD = 0.22
"""The baseline's threshold, picked on the tuning half (--tune)."""


def main(argv: Sequence[str]) -> None:
    recs = load()
    first, held_out = halves(recs)
    if "--tune" in argv:
        tune(first)
        return
    reviews = {r.review for r in recs}
    print(
        f"labelled set: {len(recs)} recommendations from {len(reviews)} reviews "
        f"({sum(r.origin == 'real' for r in recs)} real, from "
        f"{len({r.review for r in recs if r.origin == 'real'})} published sources); held-out half: "
        f"{len(held_out)} recommendations"
    )
    for label, part in (
        ("held-out half", held_out),
        ("tuning half", first),
        ("whole set (both halves as one store)", recs),
    ):
        print(f"-- {label}")
        base = Baseline([r.text for r in part], [r.review for r in part])
        report("baseline", part, base.nearest, baseline_groups(part, BASELINE_THRESHOLD))
        index = Index([r.text for r in part], [r.review for r in part])
        report("scrtool", part, index.nearest, method_groups(part))
    real = [r for r in recs if r.origin == "real"]
    print("-- real texts only (whole set: too few repeats to split)")
    base = Baseline([r.text for r in real], [r.review for r in real])
    report("baseline", real, base.nearest, baseline_groups(real, BASELINE_THRESHOLD))
    index = Index([r.text for r in real], [r.review for r in real])
    report("scrtool", real, index.nearest, method_groups(real))


if __name__ == "__main__":
    main(sys.argv[1:])
