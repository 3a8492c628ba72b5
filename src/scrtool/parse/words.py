"""English words, for mending a word that a narrow table column broke without a hyphen (``Recommendati`` /
``on``): the two pieces are one word when together they are a word and apart they are not both words.

The list is ``words.txt.gz`` beside this module: the lower-case words of letters only of Debian's ``wbritish``
and ``wamerican`` (SCOWL size 50, both spellings: ``organisation`` and ``organization``), about 75,000 words;
its licence is in ``words.LICENSE``. It is read once, the first time a broken word is suspected. Remade with::

    python -c "import gzip,re; w={l.strip().lower() for f in ('british','american') for l in
    open(f'/usr/share/dict/{f}-english') if re.fullmatch(r'[A-Za-z]+', l.strip())};
    open('words.txt.gz','wb').write(gzip.compress(('\\n'.join(sorted(w))+'\\n').encode(), 9, mtime=0))"
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Container
from functools import lru_cache
from importlib import resources

_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
_TAIL = re.compile(r"[A-Za-z]+$")


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    """The word list, lower case."""
    data = resources.files(__package__).joinpath("words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("ascii").split())


def bare(token: str) -> str:
    """A token without the punctuation around it, lower case (``(Ref:`` -> ``ref``, ``ve.`` -> ``ve``)."""
    return _EDGES.sub("", token).lower()


_DATE_HEAD = re.compile(r"\d{1,2}[/.]\d{1,2}[/.](\d{1,3})$")
_DIGITS = re.compile(r"\d+")


def broken_date(last: str, following: str) -> bool:
    """``31/03/20`` at a line's end and ``26`` (or ``026.``) starting the next: one date, its year of two or four
    digits cut where a narrow column ended (in a PDF's cell, and in its ``pdftotext -layout`` text)."""
    head = _DATE_HEAD.search(last)
    tail = _DIGITS.match(following)
    if head is None or tail is None or following[tail.end() : tail.end() + 1].isalnum():
        return False
    return len(head.group(1)) + len(tail.group()) == 4


def one_word(first: str, second: str, seen: Container[str] = ()) -> bool:
    """``first`` + ``second`` (the end of one line and the start of the next) is a word broken in two: joined
    they are a word (of the list, or ``seen`` whole elsewhere in the document: names such as ``Oxfordshire``),
    and they are not two words of the list (``with`` / ``in`` stays two, ``Complete`` / ``d`` is one). Only the
    letters at the end of
    ``first`` count (``missed/misinform`` + ``ation``)."""
    ending = _TAIL.search(first)
    head, tail = (ending.group().lower() if ending else ""), bare(second)
    if not head or not tail or not (head + tail).isalpha():
        return False
    words = english()
    whole = head + tail
    if not _known(whole, words) and whole not in seen:
        return False
    return not (_word(head, words) and _word(tail, words))


_SUFFIXES = ("ed", "d", "s", "es", "ing", "ly")
_PREFIXES = ("multi", "inter", "non", "co", "re", "pre", "sub", "over", "under", "cross", "self")


def _known(word: str, words: frozenset[str]) -> bool:
    """A word of the list, or one made of a word of the list with a common ending or beginning (``benchmarked``,
    ``multidisciplinary``: the list has ``benchmark`` and ``disciplinary``)."""
    if word in words:
        return True
    return any(word.endswith(end) and word[: -len(end)] in words for end in _SUFFIXES) or any(
        word.startswith(start) and word[len(start) :] in words and len(word) - len(start) > 3 for start in _PREFIXES
    )


def _word(piece: str, words: frozenset[str]) -> bool:
    """A piece is a word of its own: one of the list, and not a lone letter other than ``a`` and ``I`` (the
    list has every letter: ``Complete`` / ``d``), nor two letters other than the common words of two (the list
    has abbreviations and names: ``development`` / ``al``)."""
    return piece in words and (len(piece) > 2 or piece in _SHORT_WORDS)


_SHORT_WORDS = frozenset("a i am an as at be by do go he if in is it me my no of oh on or ok so to up us we".split())
"""The words of one or two letters that stand on their own in a plan's text."""
