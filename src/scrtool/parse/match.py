"""Match an agency's restatement of an overview recommendation to the recommendation it restates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..model import Recommendation, RecRef
from ..names import fold

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and are as at be by for from in is it of on or the to with this that all any".split())
THRESHOLD = 0.6
"""Share of the shorter text's words the two must have in common to be a match."""


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(fold(text)) if w not in _STOP)


class RecommendationIndex:
    """Word index of a report's recommendations; each lookup costs the postings of its own words."""

    def __init__(self, recommendations: Sequence[Recommendation]) -> None:
        self._recs = list(recommendations)
        self._words = [_words(rec.text) for rec in self._recs]
        self._postings: dict[str, list[int]] = {}
        for index, words in enumerate(self._words):
            for word in words:
                self._postings.setdefault(word, []).append(index)

    def best(self, text: str) -> RecRef | None:
        words = _words(text)
        if not words:
            return None
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(self._postings.get(word, ()))
        best: tuple[float, int] | None = None
        for index, count in shared.items():
            score = count / min(len(words), len(self._words[index]))
            if score >= THRESHOLD and (best is None or score > best[0]):
                best = (score, index)
        return self._recs[best[1]].ref if best else None
