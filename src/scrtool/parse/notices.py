"""A file's warnings as they are found -> the ones an import shows: the first few of each kind, then one notice
counting the rest of that kind. The count is exact: nothing is dropped without being counted, and ``--strict``
counts every warning.

Two warnings are of one kind when their messages differ only in numbers and quoted text (``action number '10000'
is not a number`` and ``action number '10001' is not a number``). Only the first ``SHOWN`` of a kind are kept, so a
file of a million bad rows holds a few notices in memory, not a million.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Notice
from .tables import Places

SHOWN = 5
"""Warnings of one kind shown before the rest of them are counted in one notice."""

_VARYING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+")
"""What differs between two warnings of one kind: quoted text (as ``repr`` quotes it) and numbers."""


def kind_of(message: str) -> str:
    """The kind of a warning: its message with quoted text and numbers masked."""
    return _VARYING.sub("#", message)


@dataclass(slots=True)
class _Kind:
    shown: list[Notice] = field(default_factory=list)
    more: int = 0
    """Warnings of this kind past the shown ones."""
    low: int = 0
    """The first and last line those are on."""
    high: int = 0


class Notices:
    """Collects one file's warnings (``append``, ``extend``); ``shown()`` is what the import reports."""

    __slots__ = ("_first", "_kinds", "_total")

    def __init__(self) -> None:
        self._kinds: dict[str, _Kind] = {}
        self._first: Notice | None = None
        self._total = 0

    def append(self, notice: Notice) -> None:
        key = kind_of(notice.message)
        kind = self._kinds.get(key)
        if kind is None:
            kind = self._kinds[key] = _Kind()
        self._total += notice.count
        if self._first is None:
            self._first = notice
        if len(kind.shown) < SHOWN and notice.count == 1:
            kind.shown.append(notice)
            return
        line = notice.line
        kind.low = min(kind.low, line) if kind.more else line
        kind.high = max(kind.high, line)
        kind.more += notice.count

    def extend(self, notices: Iterable[Notice]) -> None:
        for notice in notices:
            self.append(notice)

    def __len__(self) -> int:
        """Every warning added (those counted in a summary too)."""
        return self._total

    @property
    def first(self) -> Notice | None:
        """The first warning added."""
        return self._first

    def shown(self, places: Places | None = None) -> tuple[Notice, ...]:
        """The warnings to report, in line order: each kind's first ``SHOWN``, then (on the line of the first one not
        shown) a notice counting the rest, which names the last one shown as their example. ``places``: where each
        line is in a file that is not text (the summary names places, not lines)."""
        out: list[Notice] = []
        for kind in self._kinds.values():
            out += kind.shown
            if kind.more:
                out.append(_summary(kind, places))
        return tuple(sorted(out, key=lambda notice: notice.line))


EXCERPT = 40
"""Characters of the example's message a summary quotes (cut at a word), so two kinds shown on one line differ."""


def _summary(kind: _Kind, places: Places | None) -> Notice:
    """``... and 7 more like line 11's (row has 4 cells, its header 3; …), on lines 12 to 18`` (in a file that is
    not text: ``like page 3's ..., from page 4 to page 9``)."""
    low, high = _place(kind.low, places), _place(kind.high, places)
    if places is None:
        where = f"on line {kind.low}" if kind.low == kind.high else f"on lines {kind.low} to {kind.high}"
    else:
        where = f"at {low}" if low == high else f"from {low} to {high}"
    if not kind.shown:
        return Notice(kind.low, f"{kind.more:,} more warnings, {where}", count=kind.more)
    example = kind.shown[-1]
    text = example.message
    if len(text) > EXCERPT:
        text = text[:EXCERPT].rsplit(" ", 1)[0] + " \u2026"
    like = f"line {example.line}" if places is None else example.where or _place(example.line, places)
    return Notice(kind.low, f"... and {kind.more:,} more like {like}'s ({text}), {where}", count=kind.more)


def _place(line: int, places: Places | None) -> str:
    place = places.get(line) if places is not None else None
    return place.describe() if place is not None else f"line {line}"
