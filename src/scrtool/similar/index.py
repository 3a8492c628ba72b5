"""Scoring recommendations against each other: TF-IDF cosine over their terms (text.py), lower when they are
addressed to different kinds of body. Pure Python over sparse vectors: no matrix of every pair is ever held."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .text import Vocabulary, analysed, vocabulary

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
        read = [analysed(text, vocab) for text in texts]
        self._build([{t: weight(w) for t, w in found.items()} for found, _ in read], groups, [kind for _, kind in read])

    @classmethod
    def weighted(cls, found: Sequence[dict[str, float]], groups: Sequence[str], kinds: Sequence[str | None]) -> Index:
        """The index of recommendations whose terms are weighed already (as the store keeps them: store/vectors.py,
        each in term order): the same index as ``Index(texts, ...)`` of their texts."""
        index = cls.__new__(cls)
        index._build(found, groups, kinds)
        return index

    def _build(self, found: Sequence[dict[str, float]], groups: Sequence[str], kinds: Sequence[str | None]) -> None:
        self.docs = [Doc(i, groups[i], kinds[i]) for i in range(len(found))]
        df: dict[str, int] = {}
        for weights in found:
            for term in weights:
                df[term] = df.get(term, 0) + 1
        n = len(found)
        self.idf = {term: idf(n, count) for term, count in df.items()}
        self.vectors = [normalised({t: w * self.idf[t] for t, w in weights.items()}) for weights in found]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, vector in enumerate(self.vectors):
            for term, w in vector.items():
                self.postings.setdefault(term, []).append((i, w))
        self.common = max(50, int(COMMON * n))

    def score(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return self._body(i, j, sum(w * b[t] for t, w in a.items() if t in b))

    def _body(self, i: int, j: int, cosine: float) -> float:
        return body(self.docs[i].kind, self.docs[j].kind, cosine)

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


def weight(count: float) -> float:
    """A term's weight in one recommendation from its count there (text.terms): 1 + log of it, or the count when
    under 1 (a lone pair of words)."""
    return 1.0 + math.log(count) if count >= 1 else count


def idf(n: int, df: int) -> float:
    """How rare a term held by ``df`` of ``n`` recommendations is (smoothed, as scikit-learn's)."""
    return math.log((n + 1) / (df + 1)) + 1.0


def body(x: str | None, y: str | None, cosine: float) -> float:
    """A pair's score from its cosine and the kinds of body its two recommendations are addressed to."""
    return cosine * OTHER_BODY if x is not None and y is not None and x != y else cosine


def norm(vector: dict[str, float]) -> float:
    """A vector's length, summed in its order (term order, wherever it is counted)."""
    return math.sqrt(sum(w * w for w in vector.values()))


def normalised(vector: dict[str, float]) -> dict[str, float]:
    """The vector made of length 1 (empty when it has no length)."""
    length = norm(vector)
    return {t: w / length for t, w in vector.items()} if length else {}
