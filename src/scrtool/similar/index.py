"""Scoring recommendations against each other: TF-IDF cosine over their terms (text.py), lower when they are
addressed to different kinds of body. Pure Python over sparse vectors: no matrix of every pair is ever held."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .text import Vocabulary, addressee, terms, vocabulary

OTHER_BODY = 0.8
"""A pair addressed to different kinds of body (police / health) scores this much of its cosine."""
COMMON = 0.05
"""Terms in more than this share of the recommendations (and at least 50 of them) do not propose candidate pairs in
``pairs``: a pair sharing nothing rarer scores too low to count anyway. Their weight still counts in every score."""


@dataclass(frozen=True, slots=True)
class Doc:
    """One recommendation as the index holds it."""

    key: int
    """Its place in the sequence given to ``Index``."""
    group: str
    """Recommendations of the same group (its report) are never scored against each other."""
    kind: str | None
    """The kind of body it is addressed to (text.addressee)."""


class Index:
    """Every recommendation's normalised TF-IDF vector, and which recommendations hold each term."""

    def __init__(self, texts: Sequence[str], groups: Sequence[str], vocab: Vocabulary | None = None) -> None:
        vocab = vocab or vocabulary()
        raw = [terms(text, vocab) for text in texts]
        self.docs = [Doc(i, groups[i], addressee(text, vocab)) for i, text in enumerate(texts)]
        df: dict[str, int] = {}
        for found in raw:
            for term in found:
                df[term] = df.get(term, 0) + 1
        n = len(raw)
        self.idf = {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}
        self.vectors = [_normalised({t: (1.0 + math.log(w)) * self.idf[t] if w >= 1 else w * self.idf[t]
                                     for t, w in found.items()}) for found in raw]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                self.postings.setdefault(term, []).append((i, weight))
        self.common = max(50, int(COMMON * n))

    def score(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return self._body(i, j, sum(w * b[t] for t, w in a.items() if t in b))

    def _body(self, i: int, j: int, cosine: float) -> float:
        x, y = self.docs[i].kind, self.docs[j].kind
        return cosine * OTHER_BODY if x is not None and y is not None and x != y else cosine

    def nearest(self, i: int, limit: int) -> list[tuple[int, float]]:
        """The recommendations of other groups most like recommendation ``i``, best first (ties: in order given)."""
        sums: dict[int, float] = {}
        own = self.docs[i].group
        for term, weight in self.vectors[i].items():
            for j, other in self.postings[term]:
                sums[j] = sums.get(j, 0.0) + weight * other
        found = [(j, self._body(i, j, s)) for j, s in sums.items() if self.docs[j].group != own and s > 0]
        found.sort(key=lambda js: (-js[1], js[0]))
        return found[:limit]

    def pairs(self, threshold: float) -> Iterator[tuple[int, int, float]]:
        """Every pair (i < j, of different groups) scoring at least ``threshold``, each once. Candidates come from
        the terms no more common than ``self.common``; each candidate is then scored on its whole vectors."""
        for i, vector in enumerate(self.vectors):
            own = self.docs[i].group
            seen: set[int] = set()
            for term in vector:
                posting = self.postings[term]
                if len(posting) > self.common:
                    continue
                for j, _ in posting:
                    if j > i and j not in seen and self.docs[j].group != own:
                        seen.add(j)
            for j in seen:
                s = self.score(i, j)
                if s >= threshold:
                    yield i, j, s


def _normalised(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
