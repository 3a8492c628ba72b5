"""Which tables of a long document are not the plan (a chronology, a glossary), and the one notice naming them;
and the one notice naming the cell colours a document's reader could not read as a RAG word.

A report published as a Word document or a web page holds other tables than its action plan. A table is the plan's
when one of its first two rows holds a header word of a plan's column (a recommendation, an action, an agency, a
status or a cross-reference, by the vocabulary's words), or when it goes on from the plan's table before it (the
same number of columns, no heading between them: a table split by a page break). Any other table is skipped, and
one notice names them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Notice
from ..columns import is_chronology, is_counts
from ..vocab import DEFAULT, Role

PLAN_ROLES = frozenset(
    {
        Role.REC_NUMBER,
        Role.REC_TEXT,
        Role.ACTION_NUMBER,
        Role.ACTION_TEXT,
        Role.TEXT,
        Role.AGENCY,
        Role.STATUS,
        Role.XREF,
    }
)
"""The roles of a plan's columns; a table whose header has none of them (``Date | Event``) is not a plan."""
_NAMED = 5
"""Skipped tables named in the notice; more are counted."""


def _plan_header(rows: Sequence[Sequence[str]]) -> bool:
    """One of the first two rows with any text holds a cell worded as a plan's column header, and neither is a
    chronology's header."""
    return _names_plan_column(rows) and not chronology(rows)


def _names_plan_column(rows: Sequence[Sequence[str]]) -> bool:
    filled = [cells for cells in rows if any(cells)][:2]
    return any(
        cell and len(cell) <= 80 and DEFAULT.header_role(cell) in PLAN_ROLES for cells in filled for cell in cells
    )


def chronology(rows: Sequence[Sequence[str]]) -> bool:
    """One of the first two rows with any text is a chronology's header (``columns.is_chronology``)."""
    return any(is_chronology(list(cells), DEFAULT) for cells in [cells for cells in rows if any(cells)][:2])


def counts(rows: Sequence[Sequence[str]]) -> bool:
    """The first row with any text is the header of a table of counts by status (``columns.is_counts``; the rows
    under a plan's header hold status words too)."""
    return any(is_counts(list(cells), DEFAULT) for cells in [cells for cells in rows if any(cells)][:1])


def skipped_notice(line: int, names: Sequence[str], chronologies: int, tallies: int = 0) -> Notice:
    """The one notice naming the tables not read: ``names`` (``table 3 (Date | Event)``), of which
    ``chronologies`` are a chronology's and ``tallies`` tables of counts, the others headed by no plan's column."""
    count = len(names)
    named = ", ".join(names[:_NAMED]) + (f" and {count - _NAMED} more" if count > _NAMED else "")
    what = "1 table is" if count == 1 else f"{count} tables are"
    if tallies == count:
        why = "a table of counts by status" if count == 1 else "tables of counts by status"
    elif tallies:
        why = "a chronology of events, or a table of counts by status"
    elif chronologies == count:
        why = "a chronology of events" if count == 1 else "chronologies of events"
    elif chronologies:
        why = "a chronology of events, or a header naming no recommendation, action, agency or status"
    else:
        whose = "its header names" if count == 1 else "their headers name"
        why = f"{whose} no recommendation, action, agency or status"
    return Notice(line, f"{what} not part of the plan and not read ({why}): {named}")


def _preview(rows: Sequence[Sequence[str]]) -> str:
    """The table's first row with text, as ``Date | Event``, cut short."""
    first = next((cells for cells in rows if any(cells)), [])
    text = " | ".join(" ".join(cell.split()) for cell in first if cell)
    return text if len(text) <= 50 else text[:49] + "\u2026"


class PlanTables:
    """Decides, table by table in document order, which are the plan's; keeps the others for one notice."""

    __slots__ = ("_chronologies", "_line", "_skipped", "_width")

    def __init__(self) -> None:
        self._width: int | None = None
        self._skipped: list[str] = []
        self._chronologies = 0
        self._line = 0

    def keep(self, rows: Sequence[Sequence[str]], headed: bool) -> bool:
        """Whether the table of ``rows`` is read; ``headed``: a heading stands between it and the table before."""
        width = max((len(cells) for cells in rows), default=0)
        if _plan_header(rows) or (not headed and width == self._width):
            self._width = width
            return True
        self._width = None
        return False

    def skip(self, rows: Sequence[Sequence[str]], name: str, line: int) -> None:
        """Note a table not read: ``name`` says where it is (``table 3``, ``the table on line 40``); ``line`` is
        the first one's line for the notice."""
        if not self._skipped:
            self._line = line
        self._skipped.append(named_table(rows, name))
        self._chronologies += _names_plan_column(rows) and chronology(rows)  # else its header names no plan column

    def notice(self) -> Notice | None:
        """The one notice naming every table skipped, or None."""
        return skipped_notice(self._line, self._skipped, self._chronologies) if self._skipped else None


def named_table(rows: Sequence[Sequence[str]], name: str) -> str:
    """``table 3 (Date | Event)``: a table's ``name`` and its first row with text."""
    return f"{name} ({_preview(rows)})" if any(any(cells) for cells in rows) else name


def colours_notice(line: int, unread: dict[str, int]) -> Notice:
    """The one notice of the cells shaded in a hue that names no RAG word (``RRGGBB`` -> how many), at the first."""
    colours = ", ".join(f"{code} ({count})" for code, count in sorted(unread.items()))
    return Notice(
        line, f"cells shaded in colours that are not red, amber, green or blue were not read as a RAG status: {colours}"
    )
