"""What the Excel reader keeps of a workbook: each sheet's cells as text and fill colours (``Sheet``, read by
``xlsx_sheet``), the workbook's styles as openpyxl read them (``Styles``: fills as colours, fonts, number formats,
shared strings), and its colour key.
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

KEY_SHEET = re.compile(r"^(?:rag\s+|colou?r\s+|status\s+)?(?:key|legend)s?(?:\s+to\s+colou?rs?)?$", re.IGNORECASE)
"""The name of a sheet that is a colour key (``Key``, ``RAG key``, ``Legend``)."""
_KEY_LABEL = re.compile(
    r"^(?:rag\s+|colou?r\s+|status\s+|rag\s+(?:rating|status)\s+)?(?:key|legend)\s*:?$", re.IGNORECASE
)

_PLAIN = frozenset("\t\f\xa0\u200b\n\r\x0b\u2028\u2029")
"""Characters ``tables.plain`` folds or breaks lines at (besides runs of spaces)."""

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
    uncalculated: list[str] = field(default_factory=list)
    """Its formula cells with no saved value (``E7``)."""


class Styles:
    """A workbook's styles as openpyxl read them (in read-only mode, which reads no cells), each worked out once:
    a cell style's fill as a colour, whether its font is bold or large, its number format, and the shared strings."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        shared: list[object] = next((ws._shared_strings for ws in book.worksheets), [])  # the reader's strings
        self.strings: list[str] = [cell_text(str(text), "") for text in shared]  # (``book.shared_strings`` is empty)
        """The shared strings, each as a cell's text (``cell_text``)."""
        self.theme = colours.theme_palette(getattr(book, "loaded_theme", None))
        palette = getattr(book, "_colors", None)
        self.indexed: list[str] | None = list(palette) if palette else None
        self.dates: set[int] = set(book._date_formats)
        self.durations: set[int] = set(book._timedelta_formats)
        self.fills: dict[int, colours.RGB | None] = {}
        self.formats: dict[int, str] = {}

    def fill(self, style: int) -> colours.RGB | None:
        """The colour of cell style ``style``'s fill (see ``_resolve``)."""
        if style not in self.fills:
            array = self.book._cell_styles[style] if style < len(self.book._cell_styles) else None
            self.fills[style] = self._resolve(self.book._fills[array.fillId]) if array is not None else None
        return self.fills[style]

    def large(self, style: int) -> bool:
        """Cell style ``style`` writes in bold or large type."""
        if style >= len(self.book._cell_styles):
            return False
        font = self.book._fonts[self.book._cell_styles[style].fontId]
        return font is not None and bool(font.b or (font.sz or 11) >= 14)

    def format(self, style: int) -> str:
        """Cell style ``style``'s number format (``0%``, ``dd/mm/yyyy``)."""
        if style not in self.formats:
            from openpyxl.styles.numbers import BUILTIN_FORMATS  # type: ignore[import-untyped, unused-ignore]

            found = ""
            if style < len(self.book._cell_styles):
                number = self.book._cell_styles[style].numFmtId
                custom = self.book._number_formats
                found = BUILTIN_FORMATS.get(number) or (custom[number - 164] if 0 <= number - 164 < len(custom) else "")
            self.formats[style] = found
        return self.formats[style]

    def number(self, raw: str, style: int) -> object:
        """A number cell's value: a date or a duration when its style's format is one, else int or float."""
        value: float | int = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
        if style in self.dates:
            from openpyxl.utils.datetime import from_excel  # type: ignore[import-untyped, unused-ignore]

            try:
                return from_excel(value, self.book.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return value
        return value

    @staticmethod
    def iso_date(raw: str) -> object:
        from openpyxl.utils.datetime import from_ISO8601  # type: ignore[import-untyped, unused-ignore]

        try:
            return from_ISO8601(raw)
        except ValueError:
            return raw

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
    """A cell's value as a plan writes it: text as ``tables.plain`` leaves it, dates ``dd/mm/yyyy``, whole numbers
    without ``.0``, percentages."""
    if isinstance(value, str):
        if _PLAIN.isdisjoint(value) and "  " not in value:
            return value.strip(" ")  # the common cell: nothing to fold
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
    """The entries of each ``Key`` label's block on a sheet: the cells under it filled in a colour (not grey: a
    table's header under a ``Key`` title is no entry) whose text, or the text of the cell to their right, is the
    meaning; else such cells to its right. The block leaves the sheet."""
    entries: list[tuple[colours.RGB, str]] = []
    labels = [
        (row, column)
        for row, cells in grid.items()
        for column, (text, _) in cells.items()
        if text and _KEY_LABEL.match(text)
    ]
    for row, column in labels:
        taken: list[tuple[int, int]] = []
        for down in range(1, 12):
            text, rgb = grid.get(row + down, {}).get(column, ("", None))
            beside = grid.get(row + down, {}).get(column + 1, ("", None))[0]
            if rgb is None or colours.hue_name(rgb) is None or not (text or beside):
                break
            entries.append((rgb, colours.key_meaning(text or beside)))
            taken += [(row + down, column)] + ([(row + down, column + 1)] if not text else [])
        if not taken:
            for right in range(1, 12):
                text, rgb = grid.get(row, {}).get(column + right, ("", None))
                if rgb is None or colours.hue_name(rgb) is None or not text:
                    break
                entries.append((rgb, colours.key_meaning(text)))
                taken.append((row, column + right))
        if taken:
            for at in [(row, column), *taken]:
                grid.get(at[0], {}).pop(at[1], None)
    return entries
