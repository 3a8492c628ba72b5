"""An openpyxl workbook -> the plain cells the Excel reader reads: each sheet's text and fill colours, what is
hidden in it, its conditional formatting, and the workbook's colour key.

Each sheet's cells are copied out of openpyxl and openpyxl's own are let go at once (a workbook's cells are most of
its memory), so a workbook costs about what openpyxl alone needs to hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from .. import colours
from ..tables import plain

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

KEY_SHEET = re.compile(r"^(?:rag\s+|colou?r\s+|status\s+)?(?:key|legend)s?(?:\s+to\s+colou?rs?)?$", re.IGNORECASE)
"""The name of a sheet that is a colour key (``Key``, ``RAG key``, ``Legend``)."""
_KEY_LABEL = re.compile(r"^(?:rag\s+|colou?r\s+|status\s+|rag\s+(?:rating|status)\s+)?(?:key|legend)\s*:?$",
                        re.IGNORECASE)

Cells = dict[int, tuple[str, colours.RGB | None]]
"""One row's cells that hold text or a fill colour: column -> (text, fill colour)."""


@dataclass(slots=True)
class Sheet:
    """What the reader needs of one sheet, with no openpyxl object left in it."""

    name: str
    grid: dict[int, Cells] = field(default_factory=dict)
    """Row -> its cells with text or a fill colour (a merged range's other cells are blank and unfilled)."""
    bold: set[tuple[int, int]] = field(default_factory=set)
    """Cells with text in bold or large type, of the rows with one or two cells of text (titles)."""
    hidden_rows: list[int] = field(default_factory=list)
    """Hidden rows that hold text or a fill."""
    hidden_columns: list[int] = field(default_factory=list)
    conditional: list[str] = field(default_factory=list)
    """The ranges of its conditional formatting (``E2:E40``)."""


def read_sheet(ws: Worksheet, palette: Palette) -> Sheet:
    """A sheet's cells, read out of openpyxl; openpyxl's copy of them is let go."""
    from openpyxl.cell.cell import MergedCell  # type: ignore[import-untyped, unused-ignore]

    sheet = Sheet(ws.title)
    grid = sheet.grid
    for (row, column), cell in ws._cells.items():  # every cell the file holds (iter_rows would make the blank ones)
        if isinstance(cell, MergedCell):
            continue
        value = cell.value
        text = cell_text(value, cell.number_format) if value is not None else ""
        rgb = palette.colour(cell) if cell.has_style else None
        if text or rgb is not None:
            grid.setdefault(row, {})[column] = (text, rgb)
    for row, cells in grid.items():
        texts = [column for column, (text, _) in cells.items() if text]
        if len(texts) <= 2:
            sheet.bold.update((row, column) for column in texts if _large(ws._cells[row, column].font))
    sheet.hidden_rows = sorted(row for row, dim in ws.row_dimensions.items() if dim.hidden and row in grid)
    used = {column for cells in grid.values() for column in cells}
    sheet.hidden_columns = sorted({column for dim in ws.column_dimensions.values() if dim.hidden and dim.min
                                   and dim.max for column in range(dim.min, dim.max + 1) if column in used})
    sheet.conditional = [str(cf.sqref) for cf in ws.conditional_formatting]
    ws._cells.clear()
    return sheet


def _large(font: Any) -> bool:
    return font is not None and bool(font.b or (font.sz or 11) >= 14)


class Palette:
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


def cell_text(value: object, number_format: str) -> str:
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


def colour_key(keys: list[Sheet], data: list[Sheet]) -> colours.ColourKey:
    """The workbook's colour key: the entries of its key sheets, then of ``Key`` blocks on the sheets read (whose
    cells are taken out of those sheets)."""
    entries: list[tuple[colours.RGB, str]] = []
    for sheet in keys:
        for cells in sheet.grid.values():
            for column, (text, rgb) in sorted(cells.items()):
                meaning = text or cells.get(column + 1, ("", None))[0]
                if rgb is not None and colours.hue_name(rgb) is not None and meaning and not _KEY_LABEL.match(text):
                    entries.append((rgb, colours.key_meaning(meaning)))
    for sheet in data:
        entries += _key_blocks(sheet.grid)
    seen: dict[colours.RGB, str] = {}
    for rgb, meaning in entries:
        seen.setdefault(rgb, meaning)
    return colours.ColourKey(tuple(seen.items()))


def _key_blocks(grid: dict[int, Cells]) -> list[tuple[colours.RGB, str]]:
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
