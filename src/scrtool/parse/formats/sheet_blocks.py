"""The sheets of a workbook, read into ``Sheet``s by a reader (``xlsx``: .xlsx/.xlsm; ``calamine``: .xls/.ods) ->
blocks: each sheet's name as a heading, each run of rows with text as the lines of text at its top and a table,
fills as RAG words (by the workbook's colour key), and the notices that sum up the workbook."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...model import Notice, Place
from .. import colours
from ..tables import Places, Row, Table, Text, plain
from .document import Document
from .xlsx_cells import Cells, Sheet

MAX_CELLS = 1_000_000
"""The most cells the sheets read may hold (a 160,000-row plan of six columns)."""
_DEFAULT_NAME = re.compile(r"^sheet\s*\d+$", re.IGNORECASE)


@dataclass(slots=True)
class SheetReader:
    """Turns the sheets read into blocks, with their places and the notices they call for."""

    key: colours.ColourKey
    places: Places = field(default_factory=Places)
    notices: list[Notice] = field(default_factory=list)
    title: str | None = None
    """The lines of text above the workbook's first table."""
    tables: int = 0
    words: dict[colours.RGB, str | None] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    """Where hidden rows and columns with text were read (``'Plan' rows 12-13``)."""
    unread: list[tuple[str, str]] = field(default_factory=list)
    """Blank cells of table rows filled in a colour that means no status: (place, colour name)."""

    def say_hidden(self, names: list[str]) -> None:
        if names:
            listed = ", ".join(repr(name) for name in names)
            self.notices.append(
                Notice(
                    0,
                    f"hidden sheet{'s' * (len(names) > 1)} {listed} not read as plan data "
                    "(unhide a sheet, or name it with --sheet, to read it)",
                    "workbook",
                )
            )

    def blocks(self, sheets: list[Sheet], document: Document, fallback: str) -> Iterator[Table | Text]:
        """Each sheet's blocks in turn (a sheet's cells let go once read); then the document's title and the
        notices that sum up the workbook."""
        for sheet in sheets:
            yield from self._sheet(sheet)
            sheet.grid.clear()
        document.title = self.title or fallback
        self._finish(sheets)

    def _sheet(self, sheet: Sheet) -> Iterator[Table | Text]:
        """The blocks of one sheet: its name, then each run of rows with text (a table, and the lines above it)."""
        name, grid = sheet.name, sheet.grid
        if not _DEFAULT_NAME.match(name.strip()):
            yield Text(self.places.add(Place(sheet=name)), plain(name), 1)
        if sheet.hidden_rows:
            self.hidden.append(f"{name!r} row{'s' * (len(sheet.hidden_rows) > 1)} {_spans(sheet.hidden_rows)}")
        if sheet.hidden_columns:
            letters = ", ".join(map(_letter, sheet.hidden_columns))
            self.hidden.append(f"{name!r} column{'s' * (len(sheet.hidden_columns) > 1)} {letters}")
        rows = sorted(row for row, cells in grid.items() if any(text for text, _ in cells.values()))
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                yield from self._run(sheet, rows[start:i])
                start = i

    def _run(self, sheet: Sheet, rows: list[int]) -> Iterator[Table | Text]:
        """A run of rows with text and no blank row between: the lines of text at its top, then a table."""
        grid = sheet.grid
        columns = sorted({column for row in rows for column, (text, _) in grid[row].items() if text})
        first, last = columns[0], columns[-1]
        index = 0
        while index < len(rows) and (above := _line(grid[rows[index]])) is not None:
            column, text = above
            place = Place(sheet=sheet.name, cell=f"{_letter(column)}{rows[index]}")
            yield Text(self.places.add(place), text, 2 if (rows[index], column) in sheet.bold else 3)
            if not self.tables:
                self.title = text if self.title is None else f"{self.title} {text}"
            index += 1
        body = rows[index:]
        if not body:
            return
        styling = _styling([grid[row] for row in body[1:]])
        table = Table(clean=True)
        letter, span = _letter(first), range(first, last + 1)
        for row in body:
            cells = grid[row]
            texts = [cells.get(column, ("", None))[0] for column in span]
            fills = [self._word(cells.get(column, ("", None))[1], styling) for column in span]
            line = self.places.add(Place(sheet=sheet.name, cell=f"{letter}{row}"))
            if row != body[0] and sum(map(bool, texts)) > 1:
                self._note_unread(sheet.name, row, first, texts, cells)
            table.rows.append(Row(line, texts, fills=fills if any(fills) else None))
        self.tables += 1
        yield table

    def _word(self, rgb: colours.RGB | None, styling: set[colours.RGB]) -> str | None:
        if rgb is None or rgb in styling:
            return None
        if rgb not in self.words:
            self.words[rgb] = self.key.word(rgb)
        return self.words[rgb]

    def _note_unread(self, sheet: str, row: int, first: int, texts: list[str], cells: Cells) -> None:
        """Remember a blank cell of a table row filled in a colour that says nothing here (purple, no key entry)."""
        for offset, text in enumerate(texts):
            rgb = cells.get(first + offset, ("", None))[1]
            if not text and rgb is not None and self._word(rgb, set()) is None and colours.hue_name(rgb):
                self.unread.append(
                    (f"sheet {sheet!r} cell {_letter(first + offset)}{row}", (colours.hue_name(rgb) or "").lower())
                )

    def _finish(self, sheets: list[Sheet]) -> None:
        """The notices that sum up the workbook: hidden rows read, colours not read, conditional formatting."""
        if self.hidden:
            self.notices.append(
                Notice(0, f"hidden rows and columns are read as plan data: {'; '.join(self.hidden)}", "workbook")
            )
        if self.unread:
            names = sorted({name for _, name in self.unread})
            self.notices.append(
                Notice(
                    0,
                    f"{len(self.unread)} blank cell(s) filled in a colour that is not red, "
                    f"amber, green or blue and not in a colour key ({', '.join(names)}; first "
                    f"at {self.unread[0][0]}): not read as a status",
                    "workbook",
                )
            )
        ranges = [f"{sheet.name!r} {area}" for sheet in sheets for area in sheet.conditional]
        if ranges:
            self.notices.append(
                Notice(
                    0,
                    "colours of conditional formatting are not read (sheet "
                    f"{', '.join(ranges)}): a status shown only by such a colour is not "
                    "recorded",
                    "workbook",
                )
            )


def _line(cells: Cells) -> tuple[int, str] | None:
    """A row that is a line of text above a table: one cell with text (a title), or a label ending in ``:`` and its
    value (``Last updated: | 01/03/2024``); the column it starts in and its text."""
    filled = sorted((column, text) for column, (text, _) in cells.items() if text)
    if len(filled) == 1:
        return filled[0]
    if len(filled) == 2 and filled[0][1].endswith(":") and "\n" not in filled[0][1]:
        return filled[0][0], f"{filled[0][1]} {filled[1][1]}"
    return None


def _letter(column: int) -> str:
    """A column's letters: 1 -> ``A``, 28 -> ``AB``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _styling(rows: list[Cells]) -> set[colours.RGB]:
    """Colours that fill whole rows of a table as its styling, not a status: one colour on every row under the
    header, or two taking turns (banding, at least four rows)."""
    whole: list[colours.RGB | None] = []
    for cells in rows:
        found = {rgb for text, rgb in cells.values() if text}
        whole.append(found.pop() if len(found) == 1 else None)
    if len(whole) >= 2 and len(set(whole)) == 1 and whole[0] is not None:
        return {whole[0]}
    if len(whole) >= 4 and whole[0] != whole[1] and all(colour == whole[i % 2] for i, colour in enumerate(whole)):
        return {colour for colour in whole[:2] if colour is not None}
    return set()


def _spans(numbers: list[int]) -> str:
    """``[12, 13, 14, 20]`` -> ``12-14, 20``."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    return ", ".join(f"{span[0]}-{span[-1]}" if len(span) > 1 else str(span[0]) for span in spans)
