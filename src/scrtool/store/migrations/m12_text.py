"""A recommendation's text as weighted terms, for migration 12 (m12_recommendation_terms.py): similar/text.py and
similar/index.py's weights as they were when migration 12 shipped, copied, with the vocabulary of that day
(m12_vocabulary.json, similar/vocabulary.json's bytes).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import functools
import json
import math
import os
import re
from dataclasses import dataclass

VOCABULARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "m12_vocabulary.json")

TERMS = "1"
"""Made one higher whenever ``terms`` or ``addressee`` changes, so the terms a store keeps are made again."""
CONCEPT_WEIGHT = 2.0
"""A concept (``C:safe_sleep``) counts as much as two words: it stands for every way of saying one thing."""
BIGRAM_WEIGHT = 0.5
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBERING = re.compile(r"^\s*(?:recommendation\s*)?(?:\(?[0-9]+(?:\.[0-9]+)*[.):]?|\(?[a-z][.)])\s+", re.I)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words of vocabulary.json, compiled."""

    openers: tuple[re.Pattern[str], ...]
    """Openers that say nothing of the ask (``All agencies should ensure that``), stripped from the start."""
    ignored: frozenset[str]
    """Stop words and words every recommendation uses (``ensure``, ``agencies``, ``practitioners``)."""
    concepts: re.Pattern[str]
    """Every phrase of every concept, longest first, as one pattern."""
    concept_of: dict[str, str]
    """Phrase -> its concept token."""
    addressees: re.Pattern[str]
    kind_of: dict[str, str]
    """Phrase -> the kind of body it names (``health``, ``police``, ...)."""


@functools.cache
def vocabulary(path: str = VOCABULARY) -> Vocabulary:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    concept_of = {phrase.casefold(): concept for concept, phrases in data["concepts"].items() for phrase in phrases}
    kind_of = {phrase.casefold(): kind for kind, phrases in data["addressees"].items() for phrase in phrases}
    return Vocabulary(
        tuple(re.compile(p) for p in data["openers"]),
        frozenset((data["stopwords"] + " " + data["generic"]).split()),
        _alternation(concept_of),
        concept_of,
        _alternation(kind_of),
        kind_of,
    )


@functools.cache
def stamp(path: str = VOCABULARY) -> str:
    """What the stored terms were made with (store/vectors.py): ``TERMS`` and a digest of the vocabulary file."""
    import hashlib

    with open(path, "rb") as handle:
        return f"{TERMS}:{hashlib.sha256(handle.read()).hexdigest()[:16]}"


def _alternation(phrases: dict[str, str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![a-z0-9])")


def clean(text: str, vocab: Vocabulary) -> str:
    """Lower case, plain quotes, no numbering, and the openers stripped (as often as they repeat)."""
    text = _NUMBERING.sub("", text.translate(_QUOTES).casefold()).strip()
    for _ in range(3):
        before = text
        for opener in vocab.openers:
            text = opener.sub("", text, count=1).lstrip(" ,:;-")
        if text == before:
            break
    return text


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stemmer: plurals and the commonest endings, enough to make ``assessments`` meet ``assessment``."""
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("ing") and len(word) > 6:
            return word[:-3]
        if word.endswith("ed") and len(word) > 5:
            return word[:-2]
        if word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
    return word


def _terms(body: str, vocab: Vocabulary) -> dict[str, float]:
    found: dict[str, float] = {}
    for match in vocab.concepts.finditer(body):
        concept = vocab.concept_of[match.group(0)]
        found[concept] = CONCEPT_WEIGHT
    words = [stem(w) for w in _WORD.findall(body) if w not in vocab.ignored and len(w) > 1]
    for word in words:
        found[word] = found.get(word, 0.0) + 1.0
    for first, second in zip(words, words[1:], strict=False):
        pair = f"{first} {second}"
        found[pair] = found.get(pair, 0.0) + BIGRAM_WEIGHT
    return dict(sorted(found.items()))


def _addressee(body: str, text: str, vocab: Vocabulary) -> str | None:
    match = vocab.addressees.search(body) or vocab.addressees.search(text.translate(_QUOTES).casefold())
    return vocab.kind_of[match.group(0)] if match else None


def analysed(text: str, vocab: Vocabulary) -> tuple[dict[str, float], str | None]:
    """The weighted terms of one recommendation (its content words, stemmed; pairs of neighbouring content words;
    the concepts its phrases name; in term order) and the kind of body it asks to act, its text cleaned once."""
    body = clean(text, vocab)
    return _terms(body, vocab), _addressee(body, text, vocab)


def weight(count: float) -> float:
    """A term's weight in one recommendation from its count there (text.terms): 1 + log of it, or the count when
    under 1 (a lone pair of words)."""
    return 1.0 + math.log(count) if count >= 1 else count


def idf(n: int, df: int) -> float:
    """How rare a term held by ``df`` of ``n`` recommendations is (smoothed, as scikit-learn's)."""
    return math.log((n + 1) / (df + 1)) + 1.0


def norm(vector: dict[str, float]) -> float:
    """A vector's length, summed in its order (term order, wherever it is counted)."""
    return math.sqrt(sum(w * w for w in vector.values()))
