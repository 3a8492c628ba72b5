"""An Excel workbook (.xlsx, .xlsm) -> blocks: each sheet's tables, the lines above them, and where each came from.

Read with openpyxl (not in read-only mode, which has no merged cells), with the values Excel saved for formulas:

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
  a workbook of more than ``MAX_CELLS`` cells is refused (openpyxl holds every cell in memory).
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from ...model import Notice, Place
from .. import colours
from ..tables import Block, Places, Row, Table, Text, plain
from . import Document, Options
from .xlsx_parts import Parts, read_parts

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

MAX_CELLS = 600_000
"""The most cells a workbook may hold: openpyxl keeps every cell in memory, about 0.45 KB each."""

_KEY_SHEET = re.compile(r"^(?:rag\s+|colou?r\s+|status\s+)?(?:key|legend)s?(?:\s+to\s+colou?rs?)?$", re.IGNORECASE)
_KEY_LABEL = re.compile(r"^(?:rag\s+|colou?r\s+|status\s+|rag\s+(?:rating|status)\s+)?(?:key|legend)\s*:?$",
                        re.IGNORECASE)
_DEFAULT_NAME = re.compile(r"^sheet\s*\d+$", re.IGNORECASE)

Grid = dict[int, dict[int, tuple[str, colours.RGB | None]]]
"""A sheet's cells that hold text or a fill colour: row -> column -> (text, fill colour)."""


def read(path: str, options: Options) -> Document:
    parts = read_parts(path, options.max_size, MAX_CELLS)
    book = _load(path)
    sheets = list(book.worksheets)
    chosen = _chosen(path, sheets, options.sheet)
    palette = _Palette(book)
    keys = [ws for ws in sheets if _KEY_SHEET.match(ws.title.strip()) and ws not in chosen]
    grids = {ws.title: _grid(ws, palette) for ws in chosen + keys}
    _check_formulas(path, parts, [ws.title for ws in chosen + keys])
    key = _key(grids, keys, [ws.title for ws in chosen])
    reader = _Reader(os.path.basename(path), key)
    if options.sheet is None:
        reader.say_hidden([ws.title for ws in sheets if ws.sheet_state != "visible" and ws not in keys])
    for ws in chosen:
        reader.sheet(ws, grids[ws.title])
    reader.finish(chosen)
    return Document(reader.blocks, parts.sha256, len(reader.places), reader.places,
                    title=reader.title or _property_title(book) or os.path.basename(path), notices=reader.notices)


def _load(path: str) -> Workbook:
    """The workbook with every cell, and formulas by their saved values; a damaged one is an InputError."""
    import xml.etree.ElementTree as ElementTree
    import zlib

    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    try:
        with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like: not the user's
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, EOFError, zipfile.BadZipFile, zlib.error,
            ElementTree.ParseError) as exc:
        raise InputError(path, f"is a damaged Excel workbook ({type(exc).__name__}): open it in Excel and save it "
                         "again") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None


def _chosen(path: str, sheets: list[Worksheet], name: str | None) -> list[Worksheet]:
    """The sheets read as plan data: ``--sheet NAME`` (its exact name, else the one of that name in any case), or
    every visible sheet but a colour key."""
    if name is None:
        return [ws for ws in sheets if ws.sheet_state == "visible" and not _KEY_SHEET.match(ws.title.strip())]
    found = [ws for ws in sheets if ws.title == name] or [ws for ws in sheets
                                                         if ws.title.casefold() == name.strip().casefold()]
    if len(found) != 1:
        names = ", ".join(repr(ws.title) for ws in sheets)
        raise InputError(path, f"has no sheet named {name!r} (--sheet); its sheets: {names}")
    return found


def _property_title(book: Workbook) -> str | None:
    title = getattr(book.properties, "title", None)
    return plain(title) if isinstance(title, str) and title.strip() else None


class _Palette:
    """A workbook's fills as colours: its theme, its indexed palette, each fill resolved once."""

    def __init__(self, book: Workbook) -> None:
        self.theme = colours.theme_palette(getattr(book, "loaded_theme", None))
        palette = getattr(book, "_colors", None)
        self.indexed: list[str] | None = list(palette) if palette else None
        self.seen: dict[int, colours.RGB | None] = {}

    def colour(self, cell: Any) -> colours.RGB | None:
        """The colour of a cell's fill (see ``_resolve``), worked out once for each fill of the workbook."""
        index = cell._style.fillId  # the fill's place in the workbook's list: ``cell.fill`` makes a new proxy
        if index not in self.seen:
            self.seen[index] = self._resolve(cell.fill)
        return self.seen[index]

    def _resolve(self, fill: Any) -> colours.RGB | None:
        """A solid pattern's foreground, by rgb, indexed or theme colour with its tint; None for no fill, another
        pattern, a gradient, or a system colour."""
        if getattr(fill, "patternType", None) != "solid":
            return None
        colour = fill.fgColor
        kind = getattr(colour, "type", None)
        rgb: colours.RGB | None = None
        if kind == "rgb" and isinstance(colour.rgb, str):
            rgb = colours.hex_rgb(colour.rgb)
        elif kind == "indexed" and isinstance(colour.indexed, int):
            rgb = colours.indexed_rgb(colour.indexed, self.indexed)
        elif kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(colours.THEME_SLOTS):
            rgb = self.theme.get(colours.THEME_SLOTS[colour.theme])
        if rgb is not None and colour.tint:
            rgb = colours.tinted(rgb, float(colour.tint))
        return rgb


def _grid(ws: Worksheet, palette: _Palette) -> Grid:
    """The sheet's cells with text or a fill colour (a merged range's other cells are blank and unfilled)."""
    from openpyxl.cell.cell import MergedCell  # type: ignore[import-untyped, unused-ignore]

    grid: Grid = {}
    for (row, column), cell in ws._cells.items():  # every cell the file holds (iter_rows would make the blank ones)
        if isinstance(cell, MergedCell):
            continue
        value = cell.value
        text = _text(value, cell.number_format) if value is not None else ""
        rgb = palette.colour(cell) if cell.has_style else None
        if text or rgb is not None:
            grid.setdefault(row, {})[column] = (text, rgb)
    return grid


def _text(value: object, number_format: str) -> str:
    """A cell's value as a plan writes it: dates ``dd/mm/yyyy``, whole numbers without ``.0``, percentages."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y" if value.time() == time() else "%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float):
        if "%" in number_format:
            return f"{value * 100:.10g}%"
        return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    return plain(str(value))


def _check_formulas(path: str, parts: Parts, names: list[str]) -> None:
    """A formula with no saved value in a sheet that is read: an error naming the first and the count."""
    for name in names:
        cells = parts.uncalculated.get(name)
        if cells:
            raise InputError(path, f"{len(cells)} formula cell(s) have no saved value (the file was written by a "
                             "program that does not calculate them): open it in Excel or LibreOffice, save it, and "
                             "import that", where=f"sheet {name!r} cell {cells[0]}")


def _key(grids: dict[str, Grid], keys: list[Worksheet], data: list[str]) -> colours.ColourKey:
    """The workbook's colour key: the entries of its key sheets, then of ``Key`` blocks on the sheets read (whose
    cells are taken out of those sheets)."""
    entries: list[tuple[colours.RGB, str]] = []
    for ws in keys:
        for cells in grids[ws.title].values():
            for column, (text, rgb) in sorted(cells.items()):
                meaning = text or cells.get(column + 1, ("", None))[0]
                if rgb is not None and colours.hue_name(rgb) is not None and meaning and not _KEY_LABEL.match(text):
                    entries.append((rgb, colours.key_meaning(meaning)))
    for name in data:
        entries += _key_blocks(grids[name])
    seen: dict[colours.RGB, str] = {}
    for rgb, meaning in entries:
        seen.setdefault(rgb, meaning)
    return colours.ColourKey(tuple(seen.items()))


def _key_blocks(grid: Grid) -> list[tuple[colours.RGB, str]]:
    """The entries of each ``Key`` label's block on a sheet: the filled cells under it (their text, or the text of
    the cell to their right, is the meaning), else the filled cells to its right. The block leaves the sheet."""
    entries: list[tuple[colours.RGB, str]] = []
    labels = [(row, column) for row, cells in grid.items() for column, (text, _) in cells.items()
              if text and _KEY_LABEL.match(text)]
    for row, column in labels:
        taken: list[tuple[int, int]] = []
        for down in range(1, 12):
            text, rgb = grid.get(row + down, {}).get(column, ("", None))
            beside = grid.get(row + down, {}).get(column + 1, ("", None))[0]
            if rgb is None or not (text or beside):
                break
            entries.append((rgb, colours.key_meaning(text or beside)))
            taken += [(row + down, column)] + ([(row + down, column + 1)] if not text else [])
        if not taken:
            for right in range(1, 12):
                text, rgb = grid.get(row, {}).get(column + right, ("", None))
                if rgb is None or not text:
                    break
                entries.append((rgb, colours.key_meaning(text)))
                taken.append((row, column + right))
        if taken:
            for at in [(row, column), *taken]:
                grid.get(at[0], {}).pop(at[1], None)
    return entries


@dataclass(slots=True)
class _Reader:
    """Turns the grids of the sheets read into blocks, with their places and the notices they call for."""

    file: str
    key: colours.ColourKey
    blocks: list[Block] = field(default_factory=list)
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

    def sheet(self, ws: Worksheet, grid: Grid) -> None:
        """The blocks of one sheet: its name, then each run of rows with text (a table, and the lines above it)."""
        name = ws.title
        if not _DEFAULT_NAME.match(name.strip()):
            self.blocks.append(Text(self.places.add(Place(sheet=name)), plain(name), 1))
        self._say_hidden_cells(ws, grid)
        rows = sorted(row for row, cells in grid.items() if any(text for text, _ in cells.values()))
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                self._run(ws, grid, rows[start:i])
                start = i

    def _say_hidden_cells(self, ws: Worksheet, grid: Grid) -> None:
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

        rows = sorted(row for row, dim in ws.row_dimensions.items() if dim.hidden and row in grid)
        columns = sorted({column for dim in ws.column_dimensions.values() if dim.hidden and dim.min and dim.max
                          for column in range(dim.min, dim.max + 1)
                          if any(column in cells for cells in grid.values())})
        if rows:
            self.hidden.append(f"{ws.title!r} row{'s' * (len(rows) > 1)} {_spans(rows)}")
        if columns:
            letters = [get_column_letter(column) for column in columns]
            self.hidden.append(f"{ws.title!r} column{'s' * (len(columns) > 1)} {', '.join(letters)}")

    def _run(self, ws: Worksheet, grid: Grid, rows: list[int]) -> None:
        """A run of rows with text and no blank row between: the lines of text at its top, then a table."""
        from openpyxl.utils import get_column_letter

        columns = sorted({column for row in rows for column, (text, _) in grid[row].items() if text})
        first, last = columns[0], columns[-1]
        letter = get_column_letter(first)
        index = 0
        while index < len(rows) and (above := _line(grid[rows[index]])) is not None:
            column, text = above
            place = Place(sheet=ws.title, cell=f"{get_column_letter(column)}{rows[index]}")
            self.blocks.append(Text(self.places.add(place), text, _level(ws.cell(rows[index], column))))
            if not self.tables:
                self.title = text if self.title is None else f"{self.title} {text}"
            index += 1
        body = rows[index:]
        if not body:
            return
        styling = _styling([grid[row] for row in body[1:]])
        table = Table(clean=True)
        for row in body:
            cells = grid[row]
            texts = [cells.get(column, ("", None))[0] for column in range(first, last + 1)]
            fills = [self._word(cells.get(column, ("", None))[1], styling) for column in range(first, last + 1)]
            line = self.places.add(Place(sheet=ws.title, cell=f"{letter}{row}"))
            if row != body[0] and sum(map(bool, texts)) > 1:
                self._note_unread(ws.title, row, first, texts, cells)
            table.rows.append(Row(line, texts, fills=fills if any(fills) else None))
        self.blocks.append(table)
        self.tables += 1

    def _word(self, rgb: colours.RGB | None, styling: set[colours.RGB]) -> str | None:
        if rgb is None or rgb in styling:
            return None
        if rgb not in self.words:
            self.words[rgb] = self.key.word(rgb)
        return self.words[rgb]

    def _note_unread(self, sheet: str, row: int, first: int, texts: list[str],
                     cells: dict[int, tuple[str, colours.RGB | None]]) -> None:
        """Remember a blank cell of a table row filled in a colour that says nothing here (purple, no key entry)."""
        from openpyxl.utils import get_column_letter

        for offset, text in enumerate(texts):
            rgb = cells.get(first + offset, ("", None))[1]
            if not text and rgb is not None and self._word(rgb, set()) is None and colours.hue_name(rgb):
                self.unread.append((f"sheet {sheet!r} cell {get_column_letter(first + offset)}{row}",
                                    (colours.hue_name(rgb) or "").lower()))

    def finish(self, sheets: Iterable[Worksheet]) -> None:
        """The notices that sum up the workbook: hidden rows read, colours not read, conditional formatting."""
        if self.hidden:
            self.notices.append(Notice(0, f"hidden rows and columns are read as plan data: {'; '.join(self.hidden)}",
                                       "workbook"))
        if self.unread:
            names = sorted({name for _, name in self.unread})
            self.notices.append(Notice(0, f"{len(self.unread)} blank cell(s) filled in a colour that is not red, "
                                          f"amber, green or blue and not in a colour key ({', '.join(names)}; first "
                                          f"at {self.unread[0][0]}): not read as a status", "workbook"))
        ranges = [f"{ws.title!r} {cf.sqref}" for ws in sheets for cf in ws.conditional_formatting]
        if ranges:
            self.notices.append(Notice(0, "colours of conditional formatting are not read (sheet "
                                          f"{', '.join(ranges)}): a status shown only by such a colour is not "
                                          "recorded", "workbook"))


def _line(cells: dict[int, tuple[str, colours.RGB | None]]) -> tuple[int, str] | None:
    """A row that is a line of text above a table: one cell with text (a title), or a label ending in ``:`` and its
    value (``Last updated: | 01/03/2024``); the column it starts in and its text."""
    filled = sorted((column, text) for column, (text, _) in cells.items() if text)
    if len(filled) == 1:
        return filled[0]
    if len(filled) == 2 and filled[0][1].endswith(":") and "\n" not in filled[0][1]:
        return filled[0][0], f"{filled[0][1]} {filled[1][1]}"
    return None


def _level(cell: Any) -> int:
    """A title's heading level: 2 in bold or large type, else 3 (the sheet's name is 1)."""
    font = cell.font
    return 2 if font is not None and (font.b or (font.sz or 11) >= 14) else 3


def _styling(rows: list[dict[int, tuple[str, colours.RGB | None]]]) -> set[colours.RGB]:
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
