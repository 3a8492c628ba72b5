"""Rules about one line of a text plan, shared by the finders of its table shapes (``blocks``, ``grid``,
``aligned``): a delimiter row, a grid border's first character, a wrapped cell's lines, a line of text."""

from __future__ import annotations

import re

from .cells import split_pipe_row
from .tables import Text

DASHES = "\\-\u2010-\u2015\u2212\u2500\u2501\ufe58\ufe63\uff0d"
"""Hyphen-minus and the dashes Word and converters put in a ``---`` row (en, em, figure, minus, box line)."""
_DELIMITER_CHARS = re.compile(f"[\\s|:+{DASHES}]+")
_DELIMITER_CELL = re.compile(f"\\s*:?[{DASHES}]+:?\\s*")
_BOLD_LINE = re.compile(r"^(\*\*|__)[^*_].*\1:?$")
"""A line wholly in bold: ``**Northshire Police**``."""
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")


def is_delimiter_row(line: str) -> bool:
    """``|---|:--:|``, also with NBSPs, Word's en/em dashes, no outer pipes, or org-mode's ``|---+---|``."""
    if "|" not in line or not _DELIMITER_CHARS.fullmatch(line):
        return False
    cells = split_pipe_row(line)
    return all(_DELIMITER_CELL.fullmatch(part) for cell in cells for part in cell.split("+"))


def join_wrapped(first: str, second: str) -> str:
    """Two lines of a wrapped cell as one text: joined with a space, or with none after a word broken at its
    hyphen (``non-`` + ``housing`` -> ``non-housing``)."""
    if not first:
        return second
    if not second:
        return first
    if first[-1] == "-" and len(first) > 1 and first[-2].isalpha() and second[0].islower():
        return first + second
    return f"{first} {second}"


def text_block(number: int, line: str) -> Text:
    stripped = line.strip()
    text = _HEADING.sub("", stripped).strip()
    if text != stripped and stripped.startswith("#"):
        return Text(number, text, len(stripped) - len(stripped.lstrip("#")))
    return Text(number, text, 7 if _BOLD_LINE.match(text) else 0)


GRID_STARTS = frozenset("+\u250c\u2552\u2553\u2554\u250f\u251c\u255e\u255f\u2560\u2523")
"""First characters of a grid table's top border: ``+`` or a box-drawing corner."""
