"""The blocks every format reader yields: tables of rows of cells, and lines of text between them.

A reader of any format (text and markdown, Word, PDF, Excel, web pages) turns its file into the same ``Table``
and ``Text`` blocks, so the layouts read a plan the same whatever file it came in. Every block has a ``line``:
the 1-based line of a text file, or for other formats an ordinal in document order that the reader's ``Places``
turn into the page, sheet and cell, or table and row a person can find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Place


@dataclass(slots=True)
class Row:
    """One table row: the 1-based line number of its first source line and its raw cells."""

    line: int
    cells: list[str]
    header: bool = False
    """True when the source marks this row as the header (a ``|---|`` row or a ``+===+`` border follows it, a
    Word table's repeated header row, a web page's ``<th>`` row)."""
    fills: list[str | None] | None = None
    """Each cell's fill colour as a RAG word (``Red``, ``Amber``, ``Green``, ``Blue``) or the word a colour key
    in the file gives it; None where a cell has no fill (and no list at all when no cell has one)."""


@dataclass(slots=True)
class Table:
    rows: list[Row] = field(default_factory=list)
    clean: bool = False
    """True when the rows' cells are clean already (``cells.clean`` of each raw cell): pipe rows with no markup,
    and every table a reader of Word, PDF, Excel or HTML yields (see ``plain``)."""

    @property
    def line(self) -> int:
        return self.rows[0].line if self.rows else 0


class Text(NamedTuple):
    """A non-blank line outside any table (a title, a heading, a paragraph)."""

    line: int
    text: str
    heading: int = 0
    """Its level as a markdown heading (``#`` 1 to ``######`` 6), 7 for a line all in bold, 0 for a plain line."""


Block = Table | Text


class Places:
    """The place of each ordinal ``line`` a reader gave its blocks, kept as the reader goes."""

    __slots__ = ("_places",)

    def __init__(self) -> None:
        self._places: list[Place] = []

    def add(self, place: Place) -> int:
        """Give ``place`` the next ordinal (1-based) and return it: the ``line`` of the block read there."""
        self._places.append(place)
        return len(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def get(self, line: int) -> Place | None:
        return self._places[line - 1] if 0 < line <= len(self._places) else None


_SPACES = re.compile(r"[ \t\f\xa0\u200b]+")


def plain(text: str) -> str:
    """A cell's text from a format reader as ``cells.clean`` leaves a text cell: spaces folded and stripped on
    each line, blank lines dropped, lines joined with a newline."""
    if "\n" not in text and "\r" not in text and "\x0b" not in text:
        return _SPACES.sub(" ", text).strip()
    lines = (_SPACES.sub(" ", part).strip() for part in re.split(r"\r\n|[\r\n\x0b\u2028\u2029]", text))
    return "\n".join(line for line in lines if line)
