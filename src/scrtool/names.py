"""Folding names for matching (agencies, headers, status words) and making slugs. Display keeps the original."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\xa0": " ",
        "\u202f": " ",
    }
)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Curly quotes and dashes made plain, NBSP a space, case and spacing folded."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()


_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
)


@lru_cache(maxsize=4096)
def written(name: str) -> str:
    """A name as written, for keys: spacing folded (NBSP and runs of spaces are one space) and curly quotes made
    plain, nothing else (``Children\u2019s  Services`` -> ``Children's Services``; case and dashes are kept)."""
    return _SPACE.sub(" ", name.translate(_QUOTES)).strip()


def report_slug(name: str) -> str:
    """A report id from a file name or ``--report``: letters and digits of any script kept, lower case, the rest
    ``-`` (``Child \u00d6.md``'s stem -> ``child-\u00f6``; ``Children's Services`` -> ``childrens-services``).
    Composed (NFC) first, so a name spelt with combining accents gives the same id."""
    text = unicodedata.normalize("NFC", name).translate(_FOLD).replace("'", "").lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return "-".join(kept.split()) or "x"


ASIDE = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<short>[^()]+)\)$")
"""``Thames Valley Police (TVP)``: a name and its short form in brackets."""
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SMALL = frozenset({"of", "and", "the", "for", "in", "&"})


@lru_cache(maxsize=4096)
def short_forms(key: str) -> frozenset[str]:
    """The names a plan itself gives an agency whose folded name is ``key``: the name, each part of a ``/``-joined
    lead, and a part's name and short form in brackets (``thames valley police (tvp)`` -> ``thames valley
    police``, ``tvp``)."""
    forms = {key}
    for part in (p.strip() for p in key.split("/")):
        if not part:
            continue
        forms.add(part)
        if aside := ASIDE.match(part):
            forms.update((aside["name"], aside["short"].strip()))
    return frozenset(form for form in forms if form)


@lru_cache(maxsize=4096)
def initials(key: str) -> frozenset[str]:
    """The initials of a name of two words or more, with and without its small words (``children's social care``
    -> ``csc``; ``department for education`` -> ``dfe``, ``de``)."""
    found: set[str] = set()
    for form in short_forms(key):
        words = _WORD.findall(form)
        if len(words) < 2:
            continue
        found.add("".join(w[0] for w in words))
        kept = [w for w in words if w not in _SMALL]
        if len(kept) >= 2:
            found.add("".join(w[0] for w in kept))
    return frozenset(found - short_forms(key))
