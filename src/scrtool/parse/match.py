"""Match an agency's restatement of an overview recommendation to the recommendation it restates.

The score of a recommendation is the share of the shorter text's words the two have in common; the best one
scoring at least ``THRESHOLD`` wins, the first in the plan among equals. A plan of thousands of recommendations
shares most of its words between most of them, so a lookup counts every recommendation's shared words at once:
each word is a byte per recommendation packed in one integer, the integers are added, and the recommendations
with enough words in common are read off the sum's bytes (Python's integer arithmetic does the loop).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..model import Recommendation, RecRef

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and are as at be by for from in is it of on or the to with this that all any".split())
THRESHOLD = 0.6
"""Share of the shorter text's words the two must have in common to be a match."""
_TIERS = (1.0, 0.8, THRESHOLD)
"""Scores looked for in turn: the best match is among the first tier any recommendation reaches."""
_PACKED = 127
"""A text of fewer words than this is counted in packed bytes (each count and need below 128)."""


def _words(text: str) -> frozenset[str]:
    # the words of names.fold(text): folding quotes, dashes and spaces changes no run of [a-z0-9]
    return frozenset(_WORD.findall(text.casefold())).difference(_STOP)


def _needs(k: int, tier: float) -> bytes:
    """Translation table: a recommendation's word count (capped, 0 for none) -> the words it must share with a
    text of ``k`` words to score at least ``tier`` (128, more than any count, when it cannot)."""
    table = bytearray(256)
    table[0] = 128
    for length in range(1, _PACKED + 1):
        shorter = min(k, length)
        if length > k:
            table[length] = table[k]
            continue
        need = max(0, int(tier * shorter) - 1)
        while need <= shorter and need / shorter < tier:
            need += 1
        table[length] = need if need <= shorter else 128
    return bytes(table)


class RecommendationIndex:
    """Word index of a report's recommendations, built on the first lookup."""

    def __init__(self, recommendations: Sequence[Recommendation]) -> None:
        self._recs = list(recommendations)
        self._words: list[frozenset[str]] | None = None
        self._postings: dict[str, list[int]] = {}
        self._masks: dict[str, int] = {}
        self._tables: dict[tuple[int, float], bytes] = {}
        self._lengths = b""
        self._high = self._bias = 0
        self._dense = 16

    def _build(self) -> list[frozenset[str]]:
        words = [_words(rec.text) for rec in self._recs]
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for index, found in enumerate(words):
            for word in found:
                postings[word].append(index)
        self._postings = dict(postings)
        n = len(words)
        self._lengths = bytes(min(len(found), _PACKED) for found in words)
        self._high = int.from_bytes(b"\x80" * n, "little")
        self._bias = self._high
        # a word in this many recommendations keeps its packed mask: at most 64 masks per word of a recommendation
        self._dense = max(16, n // 64)
        self._words = words
        return words

    def best(self, text: str) -> RecRef | None:
        rec_words = self._words if self._words is not None else self._build()
        words = _words(text)
        if not words:
            return None
        k = len(words)
        if k >= _PACKED:
            return self._best_counted(words, rec_words)
        n = len(rec_words)
        total = 0
        rare: list[int] = []
        for word in words:
            posting = self._postings.get(word)
            if posting is None:
                continue
            if len(posting) >= self._dense:
                mask = self._masks.get(word)
                if mask is None:
                    mask = self._masks[word] = _pack(posting, n)
                total += mask
            else:
                rare.extend(posting)
        if rare:
            total += _pack_counts(Counter(rare), n)
        if not total:
            return None
        for tier in _TIERS:
            hits = self._hits(total, k, tier)
            if hits:
                break
        else:
            return None
        flags = (hits >> 7).to_bytes(n, "little")
        index = flags.find(1)
        if tier == 1.0:  # every hit shares all the shorter text's words: the first is the best
            return self._recs[index].ref
        counts = total.to_bytes(n, "little")
        best: tuple[float, int] | None = None
        while index >= 0:
            score = counts[index] / min(k, len(rec_words[index]))
            if best is None or score > best[0]:
                best = (score, index)
            index = flags.find(1, index + 1)
        return self._recs[best[1]].ref if best else None

    def _hits(self, total: int, k: int, tier: float) -> int:
        """Bit 7 of byte i set when recommendation i scores at least ``tier`` against a text of ``k`` words."""
        table = self._tables.get((k, tier))
        if table is None:
            table = self._tables[k, tier] = _needs(k, tier)
        need = int.from_bytes(self._lengths.translate(table), "little")
        return (total + self._bias - need) & self._high

    def _best_counted(self, words: frozenset[str], rec_words: list[frozenset[str]]) -> RecRef | None:
        """The same choice, counted word by word (a text too long for packed counts)."""
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(self._postings.get(word, ()))
        best: tuple[float, int] | None = None
        for index in sorted(shared):
            score = shared[index] / min(len(words), len(rec_words[index]))
            if score >= THRESHOLD and (best is None or score > best[0]):
                best = (score, index)
        return self._recs[best[1]].ref if best else None


def _pack(posting: list[int], n: int) -> int:
    """A byte 1 at each recommendation of the posting, as one integer (recommendation i at byte i)."""
    packed = bytearray(n)
    for index in posting:
        packed[index] = 1
    return int.from_bytes(packed, "little")


def _pack_counts(counts: Counter[int], n: int) -> int:
    packed = bytearray(n)
    for index, count in counts.items():
        packed[index] = count
    return int.from_bytes(packed, "little")
