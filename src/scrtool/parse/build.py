"""Tables of raw cells -> drafts of recommendations, links and actions, read row by row in document order.

The header above a row says what the row is (see ``columns.Layout``); a headerless table continues the one
before it, and a header row in the middle of a table starts a new section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Action, Link, Notice, Recommendation
from .cells import clean, clean_cells
from .colours import fill_text
from .columns import Columns, Layout, read_header
from .drafts import (
    RowCells,
    action_number,
    numbered_text,
    own_number,
    recommendation_title,
)
from .finish import Finisher
from .headings import agency_heading
from .layouts.actions import ActionRows
from .layouts.rows import MAX_CITED, TOTALS, UNASSIGNED, UNNAMED, Fast
from .layouts.tracker import TrackerRows, sub_numbered
from .match import RecommendationIndex
from .series import series_cell, series_column, series_of
from .tables import Row, Table, Text
from .vocab import Role

__all__ = ["MAX_CITED", "UNASSIGNED", "UNNAMED", "Builder"]


class Builder(TrackerRows, ActionRows):
    """Reads tables in document order, carrying the header and agency of the table above into headerless ones:
    each row goes to the reader of its table's layout (overview, tracker or combined, agency actions)."""

    __slots__ = ()

    def add_table(self, table: Table, above: Sequence[Text] = ()) -> list[Text]:
        """Read a table's rows; the table is the builder's from then on (a clean table's cell lists are used as
        they are, and may be changed). ``above``: the lines of text between the table before and this one. Returns
        those of them that were read as headings of the table: the agency it belongs to (``## Northshire Police``
        over ``No. | Action | Status``) or the recommendation its actions implement (``Recommendation 1: ...``)."""
        self.tables += 1
        if self.two_series:
            self._series(above)
        rows = table.rows
        first = [clean(cell) for cell in rows[0].cells]
        header = read_header(first, rows[0].line, self.vocabulary, rows[0].header)
        titled = None
        if header is None and (found := self._titled_header(rows)) is not None:
            header, titled, rows = found
        used: list[Text] = []
        if header is not None:
            self._set_header(header)
            if header.owner is None and (header.layout is Layout.ACTIONS or Role.AGENCY not in header.at):
                used = self._headings(header, above)
            if titled is not None:
                self._section(header, *titled)
            rows = rows[1:]
            self.sub_numbered = sub_numbered(header, rows)
            if not rows:
                self.notices.append(Notice(header.line, "table has a header and no rows"))
        elif not any(first):
            rows = rows[1:]
        if table.clean:
            for row in rows:
                self.add_row(row, row.cells)
        else:
            for row in rows:
                self.add_row(row, clean_cells(row.cells))
        return used

    def _series(self, above: Sequence[Text]) -> None:
        """A heading over this table naming a series of recommendations: the tables from here on are in it."""
        for line in reversed(above):
            named = series_of(clean(line.text))
            if named is not None:
                if named != self.series:
                    self.series, self.last_rec, self.last_action, self.cited_by = named, None, None, None
                return

    def _row_series(self, cell: str) -> None:
        """A row's cell naming its series (``Multi-agency``): in a plan read as two series, the row is in it."""
        named = series_cell(cell)
        if named is not None:
            self.by_column.add(named)
            if self.two_series:
                self.series = named

    def _titled_header(self, rows: list[Row]) -> tuple[Columns, tuple[str, int], list[Row]] | None:
        """Up to three rows spanning a table over its header (``Recommendation 1: ...``, or ``Recommendation 1``
        over a row of its text): the header, the title (the rows' text joined, and its line) and the rows from the
        header on. None when the table does not start so."""
        titles: list[str] = []
        for index, row in enumerate(rows[:4]):
            cells = [clean(cell) for cell in row.cells]
            header = read_header(cells, row.line, self.vocabulary, row.header) if titles else None
            if header is not None:
                label = recommendation_title(titles[0])
                joint = ": " if label is not None and not label[1] else " "
                title = joint.join([titles[0], " ".join(titles[1:])]) if titles[1:] else titles[0]
                return header, (title, rows[0].line), rows[index:]
            if not _first_only(cells):
                return None
            titles.append(cells[0])
        return None

    def _headings(self, header: Columns, above: Sequence[Text]) -> list[Text]:
        """Read the lines over an agency's table whose header names no agency: the recommendation its actions
        implement (``**Recommendation 1:** Partners should ...``, or ``Recommendation 1`` over a paragraph of its
        text), and the agency (see ``agency_heading``) of its rows, or of those whose agency cell is blank. Returns the
        lines used."""
        used: list[Text] = []
        for index in range(len(above) - 1, max(len(above) - 4, -1), -1):
            titled = recommendation_title(clean(above[index].text))
            if titled is not None:
                number, text = titled
                used += above[index : index + 1] if text else above[index:]
                text = text or " ".join(clean(part.text) for part in above[index + 1 :])
                self.cited_by = self._numbered(header.kind, number, text, above[index].line)
                break
        named = self._agency_line([part for part in above if part not in used][-3:])
        if named is not None:
            line, self.agency = named
            used.append(line)
        elif header.layout is not Layout.ACTIONS:
            self.agency = None  # a tracker's or combined table's rows name their agency, or have none
        elif Role.AGENCY not in header.at:
            self._say_unread_heading(above[-3:])
        return used

    def _say_unread_heading(self, lines: Sequence[Text]) -> None:
        """A line over a table that reads as a name but not an agency's (``Change Grow Live``, ``Think Family``):
        say so, and whose the table's rows stay."""
        heading = next((line for line in reversed(lines) if _title_like(line.text)), None)
        if heading is not None:
            self.notices.append(
                Notice(
                    heading.line,
                    f"{clean(heading.text)!r} is not read as an agency's name; the "
                    f"rows of the table under it stay with {self.agency or UNNAMED!r} "
                    "(name the agency in the table's first header cell)",
                )
            )

    def _agency_line(self, lines: list[Text]) -> tuple[Text, str] | None:
        """The line of ``lines`` that names the table's agency: of headings, if any is one, the one least deep (an
        agency's ``##`` over a theme's ``###``); else of plain lines (a sentence under a heading is none), the
        nearest."""
        headings = [line for line in lines if line.heading]
        ranked = sorted(headings, key=lambda line: line.heading) if headings else list(reversed(lines))
        for line in ranked:
            found = agency_heading([line.text])
            if found is not None:
                return line, found[1]
        return None

    def _second_line(self, header: Columns, cells: list[str], row: Row) -> Columns:
        """A header row right under a header row is its second line: a cell it leaves blank is the one above's
        (merged down: ``Agency`` over a blank), one it fills is its own (``No`` and ``Action`` under an ``Action``
        spanning both). A row that is no header on its own (a row of data with blank cells) is never read so."""
        above = self.columns
        if not self.under_header or above is None or len(above.headers) != len(cells) or all(cells):
            return header
        merged = [cell or head for cell, head in zip(cells, above.headers, strict=True)]
        return read_header(merged, row.line, self.vocabulary, row.header) or header

    def _short_second_line(self, cells: list[str], row: Row) -> Columns | None:
        """A row right under a header row that names one column as the vocabulary words it and holds nothing but
        short cells (``RAG`` and ``Update`` under a ``Progress`` merged across both): the header's second line,
        read with the cells it leaves blank taken from the row above. None for any other row."""
        above = self.columns
        if (
            not self.under_header
            or above is None
            or len(above.headers) != len(cells)
            or any(len(cell.split()) > 4 for cell in cells)
            or not any(cell and self.vocabulary.header_role(cell, loose=False) for cell in cells)
        ):
            return None
        merged = [cell or head for cell, head in zip(cells, above.headers, strict=True)]
        return read_header(merged, row.line, self.vocabulary, row.header)

    def _set_header(self, header: Columns) -> None:
        self.under_header = True
        self.columns = header
        self.fast = Fast.of(header)
        if header.owner:
            self.agency = header.owner
        self.last_rec = None
        self.last_action = None
        self.cited_by = None
        self.own, self.restarted = [], False
        self.sub_numbered = False
        self.series_at = series_column(header.headers)

    def _section(self, columns: Columns, title: str, line: int) -> bool:
        """A row with one cell filled, the first: the recommendation the rows under it implement or answer
        (``| Recommendation 1: Partners should ... | | |``), or, in an agency's table whose header names none, the
        agency whose rows follow (``| Northshire Police | | | |``, also over rows whose agency cell is blank). False
        for any other: a section's title, or (when the first column holds the text) the text of the row above
        wrapped onto a line of its own."""
        titled = recommendation_title(title)
        if titled is None and columns.at.get(Role.TEXT) != 0:  # ``1. Partners should ...`` over number and text
            numbered = numbered_text(title)
            titled = numbered if numbered is not None and len(numbered[1].split()) >= 3 else None
        if titled is not None:
            rec = self._numbered(columns.kind, *titled, line)
            if columns.layout is Layout.ACTIONS:
                self.cited_by = rec
            else:
                self.last_rec = rec
            return True
        if (
            columns.layout is Layout.ACTIONS
            and columns.owner is None
            and (heading := agency_heading([title])) is not None
        ):
            self.agency = heading[1]
            self.last_action = None
            return True
        return False

    def add_row(self, row: Row, cells: list[str]) -> None:
        """One row of a table, its cells clean."""
        self.fill = _fill_status(row.fills, cells, self.columns) if row.fills is not None else ""
        if self.series_at is not None and self.series_at < len(cells):
            self._row_series(cells[self.series_at])
        fast = self.fast
        if fast is not None and len(cells) == fast.width:
            cell = cells[fast.number]
            number = cell if cell.isdecimal() else own_number(cell)
            if number is not None:
                self.under_header = False
                self.titled = None
                self._numbered_action(fast, cells, number, row.line)
                return
        if not any(cells):
            return
        columns = self.columns
        if columns is None:
            if not _first_only(cells):
                self.notices.append(Notice(row.line, "row before any header row; not read"))
            return  # else a title row above the first header
        number_at = columns.index(Role.NUMBER)
        if number_at is None or number_at >= len(cells) or not action_number(cells[number_at]):
            if self._unnumbered(columns, row, cells):
                return
        else:
            self.titled = None
        if len(cells) != len(columns.roles):
            self.notices.append(
                Notice(
                    row.line,
                    f"row has {len(cells)} cells, its header {len(columns.roles)}; "
                    + (
                        "cells past the header are kept as extra fields"
                        if len(cells) > len(columns.roles)
                        else "the cells it lacks are read as blank"
                    ),
                )
            )
        self.under_header = False
        read = RowCells(columns, cells)
        if columns.layout is Layout.OVERVIEW:
            self._overview_row(read, row.line)
        elif columns.layout is Layout.ACTIONS:
            self._action_row(read, row.line)
        else:
            self._tracker_row(read, row.line)

    def _unnumbered(self, columns: Columns, row: Row, cells: list[str]) -> bool:
        """A row with no number that is not an action's: a row of totals (said), a header row (a title row just
        above it heads its rows), or a title spanning the table (see ``_section``). False for a row to read on."""
        if TOTALS.match(next(cell for cell in cells if cell)):
            self.notices.append(Notice(row.line, "a row of totals is not an action; not read"))
            return True
        header = read_header(cells, row.line, self.vocabulary, row.header) or self._short_second_line(cells, row)
        titled, self.titled = self.titled, None
        if header is not None:
            self._set_header(self._second_line(header, cells, row))
            if titled is not None:  # the title row above heads the rows under this header
                self._section(header, *titled)
            return True
        if (
            _first_only(cells)
            and len(columns.roles) > 1
            and (
                self._section(columns, cells[0], row.line)
                or columns.at.get(Role.TEXT) != 0
                or _SECTION_TITLE.match(row.cells[0].strip())
            )
        ):
            self.titled = (cells[0], row.line)
            return True
        return False  # the text of the first column wrapped onto a line of its own: read on below

    def finish(self) -> tuple[list[Recommendation], list[Link], list[Action]]:
        nameless = [draft for draft in self.actions if draft.agency in (UNNAMED, UNASSIGNED)]
        if nameless:
            self.notices.append(
                Notice(
                    nameless[0].line,
                    f"{len(nameless)} action(s) have no agency (no agency column, "
                    "first header cell, heading or 'Lead agency:' line names "
                    f"one): kept under {nameless[0].agency!r}",
                )
            )
        finisher = Finisher(self.path or self.file, self.file, self.report, self.vocabulary, self.notices, self.places)
        recs = finisher.recommendations(self.recs)
        actions = finisher.actions(self.actions, RecommendationIndex(recs))
        links = finisher.links(self.links, actions)
        return recs, links, actions


_DASHED = re.compile(r"\s+[-\u2013\u2014]\s+")


_SECTION_TITLE = re.compile(r"^(?:(\*\*|__)[^*_].*\1:?|theme\s+\d+\b.*|section\s+\d+\b.*)$", re.IGNORECASE)
"""A first cell all in bold, or ``Theme 2: ...``: a section's title inside a table, not text going on."""


def _title_like(text: str) -> bool:
    """A short line that reads as a name (each word capitalised, up to a dash): a heading scrtool did not take."""
    words = _DASHED.split(clean(text), 1)[0].strip("*_ :").split()
    return 0 < len(words) <= 5 and all(word[:1].isupper() or word in ("and", "of", "&") for word in words)


def _fill_status(fills: list[str | None], cells: list[str], columns: Columns | None) -> str:
    """The status a row states by a fill alone: its status (or RAG) cell is blank and filled, or, in a table with
    no status column, every cell of the row with text is filled alike (but for its agency's or number's cell,
    which a table often leaves as it is): that fill's word, as ``Green (fill)``."""
    at = columns.at.get(Role.STATUS) if columns is not None else None
    if at is not None:
        word = fills[at] if at < len(fills) and at < len(cells) and not cells[at] else None
        return fill_text(word) if word else ""
    plain = {i for role, i in columns.at.items() if role in _UNFILLED} if columns is not None else set()
    words = {fills[i] if i < len(fills) else None for i, cell in enumerate(cells) if cell}
    if None in words and all(i in plain for i, cell in enumerate(cells) if cell and (i >= len(fills) or not fills[i])):
        words.discard(None)  # only its agency's or number's cell is left unshaded
    word = words.pop() if len(words) == 1 else None
    return fill_text(word) if word else ""


_UNFILLED = frozenset({Role.AGENCY, Role.LEAD, Role.NUMBER})
"""Columns whose cells a row shaded for its status may leave unshaded (the agency's name, the number)."""


def _first_only(cells: list[str]) -> bool:
    """Only the first cell of the row holds anything (a title, or a section's name spanning the row)."""
    return bool(cells[0]) and not any(cells[1:])
