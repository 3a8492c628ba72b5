"""A DHR's or SAR's two series of recommendations, each numbered from 1 under its own heading (``Single agency
recommendations``, ``Multi-agency recommendations``) or named by a ``Single/Multi-agency`` column: read as ``S1``,
``S2`` and ``M1``, ``M2`` when, and only when, the plan names both and numbers a recommendation twice (a plan of one
series reads as it always has)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .drafts import RecDraft
from .tables import Text

_SERIES = re.compile(
    r"^[#*\s]*(?:\d+(?:\.\d+)*\.?\s+)?(?P<kind>single|multi)[\s\-\u2010-\u2014]*agency\s+recommendations?[\s:*]*$",
    re.IGNORECASE,
)
"""A heading that names one of the two series: ``Single agency recommendations``, ``6.2 Multi-agency
recommendations:``, ``**Single-agency recommendations**``; not a sentence about them."""


def series_of(text: str) -> str | None:
    """``S`` for a heading of the single-agency series, ``M`` for the multi-agency one, else None."""
    match = _SERIES.match(text)
    return None if match is None else match["kind"][0].upper()


_COLUMN = re.compile(r"^(?=.*\bsingle\b)(?=.*\bmulti\b).*$", re.IGNORECASE)
"""A column saying each row's series: ``Single/Multi-agency``, ``Single or multi agency``."""

_CELL = re.compile(r"^(?P<kind>single|multi)(?:[\s\-\u2010-\u2014]*agency)?$", re.IGNORECASE)
"""That column's cell: ``Single agency``, ``Multi-agency``, ``Single``, ``Multi``."""


def series_column(headers: Iterable[str]) -> int | None:
    """The column of a table's header that says each row's series, if it has one."""
    return next((index for index, header in enumerate(headers) if _COLUMN.match(header)), None)


def series_cell(cell: str) -> str | None:
    """``S`` or ``M`` for a series column's cell that names one, else None (a blank cell, the row above's)."""
    match = _CELL.match(cell.strip())
    return None if match is None else match["kind"][0].upper()


def two_series(texts: Iterable[Text | None], recs: Iterable[RecDraft], by_column: Iterable[str]) -> bool:
    """The plan names both series, in its headings or a column's cells, and numbers a recommendation twice: read
    it again as two."""
    named = {series_of(text.text) for text in texts if text is not None} | set(by_column)
    if not {"S", "M"} <= named:
        return False
    seen: set[tuple[object, str]] = set()
    for rec in recs:
        key = (rec.kind, rec.number)
        if key in seen:
            return True
        seen.add(key)
    return False
