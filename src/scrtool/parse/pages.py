"""The pages of a text made by ``pdftotext -layout`` (each page after the first starts with a form feed): its
running headers, footers and page numbers are blanked, so that a table goes on over a page break as it does in
the PDF (``aligned.py``) and they are not read as rows or text.

A page's furniture is found at its edges only: its first and last lines with text (two at each edge at most).
An edge line is furniture when it is a page number (``Page 3``, ``3``, ``Page 3 of 12``, ``- 3 -``), or when the
same text (its digits aside) is at that edge of at least half of the pages, and of two at least, and is one piece
of text or holds a number (a table's header row repeated at the top of every page is not furniture). The line stays
(blank, keeping its form feed) so every other line keeps its number.
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?\d{1,5}(?:\s*(?:of|/)\s*\d{1,5})?|[-\u2013\u2014]\s*\d{1,5}\s*[-\u2013\u2014]", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
DEPTH = 2
"""Lines at each edge of a page that may be furniture."""


def strip_furniture(lines: list[str]) -> list[str]:
    """``lines`` with the furniture of every page blanked (a line that started a page keeps its form feed); the
    same list when the text has one page."""
    starts = [0] + [i for i, line in enumerate(lines) if i and line.startswith("\f")]
    if len(starts) < 2:
        return lines
    pages = [(a, b) for a, b in zip(starts, starts[1:] + [len(lines)], strict=True)]
    out = list(lines)
    for _ in range(DEPTH):
        tops = [_edge(out, a, b, 1) for a, b in pages]
        bottoms = [_edge(out, b - 1, a - 1, -1) for a, b in pages]
        for edges in (tops, bottoms):
            common = Counter(_key(out[i]) for i in edges if i is not None)
            for i in edges:
                if i is not None and (
                    _PAGE_NUMBER.fullmatch(_bare(out[i]))
                    or (common[_key(out[i])] >= max(2, (len(pages) + 1) // 2) and _running(out[i]))
                ):
                    out[i] = "\f" if out[i].startswith("\f") else ""
    return out


def _running(line: str) -> bool:
    """A line that can be a running header or footer: one piece of text, or one holding a number (a table's
    header row repeated on every page is neither)."""
    bare = _bare(line)
    return "  " not in bare or _DIGITS.search(bare) is not None


def _bare(line: str) -> str:
    return line.replace("\f", "").strip()


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(_bare(line).split()))


def _edge(lines: list[str], start: int, stop: int, step: int) -> int | None:
    """The first line with text from ``start`` towards ``stop``."""
    for i in range(start, stop, step):
        if _bare(lines[i]):
            return i
    return None
