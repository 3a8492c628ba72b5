"""An Excel workbook (.xlsx, .xlsm) -> blocks: each sheet's tables, the lines above them, and where each came from.

openpyxl reads the workbook (its sheets, styles, theme and shared strings, in read-only mode); each sheet's cells
are read from its XML by ``xlsx_sheet`` (openpyxl's reading of every cell into an object costs twice the time):

- Every visible sheet, in the workbook's order (``--sheet NAME``: that one only). A sheet's name comes first, as a
  heading over its tables (the layouts take it for the agency of a table that names none); a default name
  (``Sheet1``) is left out. Hidden sheets are not plan data (one notice names them), except a colour key.
- Rows with text are read; a blank row ends a table, so a sheet may hold several. The rows of one cell at the top of
  a table (a title, merged across or not), and ``Label: | value`` rows, are lines of text above it (headings: the
  sheet's name level 1, a title in bold or large type 2, any other 3). Hidden rows and columns are read (said once).
- A merged range's text is in its top-left cell only: the others are blank, as the continuation rows of a text
  table are. Dates are written ``dd/mm/yyyy`` (``dd/mm/yyyy hh:mm`` with a time), as a plan writes them.
- A formula is read by the value Excel saved for it. A formula with none (a file written by a program that does
  not calculate) is an error: its value is not known, and blank would be a guess.
- Fills: each cell's fill colour becomes a word (``parse/colours.py``), from the workbook's colour key when it has
  one (a sheet named ``Key`` or ``Legend``, hidden or not, or a ``Key`` label with filled cells under it). A colour
  that fills every row of a table alike, or every other row, is the table's styling, not a status. Colours of
  conditional formatting are not in the cells: they are not read, and the import says so.
- Bounded: the size limit is judged on the unpacked size (a zip bomb is refused before anything is unpacked), and
  the sheets read may hold at most ``MAX_CELLS`` cells (each cell with text or a fill is kept until it is read).
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from ...errors import InputError
from ...model import Notice, Place
from .. import colours
from ..tables import Places, Row, Table, Text, plain
from . import Document, Options
from .xlsx_cells import KEY_SHEET, Cells, Sheet, Styles, colour_key
from .xlsx_parts import check_zip
from .xlsx_sheet import TooManyCells, read_sheet

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook  # type: ignore[import-untyped, unused-ignore]

MAX_CELLS = 1_000_000
"""The most cells the sheets read may hold (a 160,000-row plan of six columns)."""

_DEFAULT_NAME = re.compile(r"^sheet\s*\d+$", re.IGNORECASE)
_DAMAGED = (KeyError, ValueError, TypeError, AttributeError, IndexError, EOFError, zipfile.BadZipFile, zlib.error,
            ElementTree.ParseError)
"""What openpyxl, the zip reader and the XML parser raise on a damaged workbook."""


def read(path: str, options: Options) -> Document:
    sha256 = check_zip(path, options.max_size)
    book = _load(path)
    try:
        worksheets = list(book.worksheets)
        chosen = _chosen(path, worksheets, options.sheet)
        keys = [ws for ws in worksheets if KEY_SHEET.match(ws.title.strip()) and ws not in chosen]
        hidden = [ws.title for ws in worksheets if ws.sheet_state != "visible" and ws not in chosen + keys]
        sheets = _read_sheets(path, book, chosen + keys)
        title = _property_title(book) or os.path.basename(path)
    finally:
        book.close()
    reader = _Reader(colour_key(sheets[len(chosen):], sheets[:len(chosen)]))
    if options.sheet is None:
        reader.say_hidden(hidden)
    places = sum(len(sheet.grid) for sheet in sheets[:len(chosen)]) + len(chosen)  # at most: a row or a name each
    document = Document([], sha256, places, reader.places, notices=reader.notices)
    document.blocks = reader.blocks(sheets[:len(chosen)], document, title)
    return document


def _load(path: str) -> Workbook:
    """The workbook's sheets, styles and strings (no cells: read-only mode); a damaged one is an InputError."""
    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    try:
        with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like: not the user's
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except _DAMAGED as exc:
        raise _damaged(path, exc) from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None


def _damaged(path: str, exc: Exception) -> InputError:
    return InputError(path, f"is a damaged Excel workbook ({type(exc).__name__}): open it in Excel and save it again")


def _read_sheets(path: str, book: Workbook, worksheets: list[Any]) -> list[Sheet]:
    """The cells of each sheet; a formula with no saved value is an error naming the first and the count."""
    styles = Styles(book)
    budget = [MAX_CELLS]
    sheets = []
    try:
        with zipfile.ZipFile(path) as archive:
            for ws in worksheets:
                sheet = read_sheet(archive, ws._worksheet_path, ws.title, styles, budget)
                if sheet.uncalculated:
                    cells = sheet.uncalculated
                    raise InputError(path, f"{len(cells)} formula cell(s) have no saved value (the file was written "
                                     "by a program that does not calculate them): open it in Excel or LibreOffice, "
                                     "save it, and import that", where=f"sheet {ws.title!r} cell {cells[0]}")
                sheets.append(sheet)
    except TooManyCells:
        raise InputError(path, f"holds more than the {MAX_CELLS:,} cells scrtool reads from a workbook: save the "
                         "plan's sheets alone as a workbook or as CSV, and import that") from None
    except _DAMAGED as exc:
        raise _damaged(path, exc) from None
    return sheets


def _chosen(path: str, sheets: list[Any], name: str | None) -> list[Any]:
    """The sheets read as plan data: ``--sheet NAME`` (its exact name, else the one of that name in any case), or
    every visible sheet but a colour key."""
    if name is None:
        return [ws for ws in sheets if ws.sheet_state == "visible" and not KEY_SHEET.match(ws.title.strip())]
    found = [ws for ws in sheets if ws.title == name] or [ws for ws in sheets
                                                         if ws.title.casefold() == name.strip().casefold()]
    if len(found) != 1:
        names = ", ".join(repr(ws.title) for ws in sheets)
        raise InputError(path, f"has no sheet named {name!r} (--sheet); its sheets: {names}")
    return found


def _property_title(book: Workbook) -> str | None:
    title = getattr(book.properties, "title", None)
    return plain(title) if isinstance(title, str) and title.strip() else None


@dataclass(slots=True)
class _Reader:
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
            self.notices.append(Notice(0, f"hidden sheet{'s' * (len(names) > 1)} {listed} not read as plan data "
                                          "(unhide a sheet, or name it with --sheet, to read it)", "workbook"))

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
                self.unread.append((f"sheet {sheet!r} cell {_letter(first + offset)}{row}",
                                    (colours.hue_name(rgb) or "").lower()))

    def _finish(self, sheets: list[Sheet]) -> None:
        """The notices that sum up the workbook: hidden rows read, colours not read, conditional formatting."""
        if self.hidden:
            self.notices.append(Notice(0, f"hidden rows and columns are read as plan data: {'; '.join(self.hidden)}",
                                       "workbook"))
        if self.unread:
            names = sorted({name for _, name in self.unread})
            self.notices.append(Notice(0, f"{len(self.unread)} blank cell(s) filled in a colour that is not red, "
                                          f"amber, green or blue and not in a colour key ({', '.join(names)}; first "
                                          f"at {self.unread[0][0]}): not read as a status", "workbook"))
        ranges = [f"{sheet.name!r} {area}" for sheet in sheets for area in sheet.conditional]
        if ranges:
            self.notices.append(Notice(0, "colours of conditional formatting are not read (sheet "
                                          f"{', '.join(ranges)}): a status shown only by such a colour is not "
                                          "recorded", "workbook"))


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
