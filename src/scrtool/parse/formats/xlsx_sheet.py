"""One worksheet's XML -> its ``Sheet``: read with ElementTree's incremental parser, not openpyxl's.

openpyxl makes an object of every cell and binds it to the sheet (about 20 microseconds a cell); this reads the
same XML (``<row>``, ``<c r= s= t=>`` with ``<v>`` or ``<is>``, ``<mergeCell>``, ``<col hidden>``,
``<conditionalFormatting>``) for what the reader needs, in under half the time, and keeps only cells with text or a
fill. Values are read as openpyxl reads them (shared strings, inline strings, booleans, errors, dates by their
number format), with the workbook's styles that openpyxl read (``xlsx_cells.Styles``). A formula's value is the one
saved with it; a formula with none is kept in ``Sheet.uncalculated``.
"""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

from .xlsx_cells import Sheet, Styles, cell_text

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL, _ROW, _VALUE, _FORMULA, _INLINE = _MAIN + "c", _MAIN + "row", _MAIN + "v", _MAIN + "f", _MAIN + "is"
_TEXT, _RUN = _MAIN + "t", _MAIN + "r"
_MERGE, _COLUMN, _FORMATTING = _MAIN + "mergeCell", _MAIN + "col", _MAIN + "conditionalFormatting"
_TRUE = ("1", "true")


class TooManyCells(Exception):
    """The sheets read hold more cells than the reader keeps."""


def read_sheet(archive: zipfile.ZipFile, member: str, name: str, styles: Styles, budget: list[int]) -> Sheet:
    """The sheet whose XML is ``member``; ``budget`` holds how many more cells may be read (TooManyCells when
    none)."""
    sheet = Sheet(name)
    pending: list[ElementTree.Element] = []
    merges: list[str] = []
    hidden_columns: set[int] = set()
    last_row = 0
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream):
            tag = element.tag
            if tag == _CELL:
                pending.append(element)
            elif tag == _ROW:
                last_row = int(element.get("r") or last_row + 1)
                _row(sheet, styles, last_row, pending)
                if element.get("hidden") in _TRUE:
                    sheet.hidden_rows.append(last_row)
                budget[0] -= len(pending)
                if budget[0] < 0:
                    raise TooManyCells
                pending.clear()
                element.clear()
            elif tag == _MERGE:
                merges.append(element.get("ref", ""))
            elif tag == _COLUMN and element.get("hidden") in _TRUE:
                hidden_columns.update(range(int(element.get("min", 0)), int(element.get("max", 0)) + 1))
            elif tag == _FORMATTING:
                sheet.conditional.append(element.get("sqref", ""))
    _unmerge(sheet, merges)
    sheet.hidden_rows = [row for row in sheet.hidden_rows if row in sheet.grid]
    used = {column for cells in sheet.grid.values() for column in cells}
    sheet.hidden_columns = sorted(hidden_columns & used)
    return sheet


def _row(sheet: Sheet, styles: Styles, row: int, cells: list[ElementTree.Element]) -> None:
    """One row's cells into the sheet's grid (those with text or a fill), and the bold among its titles."""
    column = 0
    found: dict[int, tuple[str, tuple[int, int, int] | None]] = {}
    fonts: dict[int, int] = {}
    for cell in cells:
        reference = cell.get("r")
        column = _column(reference) if reference else column + 1
        style = int(cell.get("s") or 0)
        text = _value(sheet, styles, cell, style, reference or f"{column}:{row}")
        rgb = styles.fill(style) if style else None
        if text or rgb is not None:
            found[column] = (text, rgb)
            if text:
                fonts[column] = style
    if found:
        sheet.grid[row] = found
        if len(fonts) <= 2:
            sheet.bold.update((row, column) for column, style in fonts.items() if styles.large(style))


def _value(sheet: Sheet, styles: Styles, cell: ElementTree.Element, style: int, reference: str) -> str:
    """A cell's value as text (see ``xlsx_cells.cell_text``), as openpyxl reads it with ``data_only``."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        return cell_text(_inline(inline), "") if inline is not None else ""
    raw = cell.findtext(_VALUE)
    if not raw:
        formula = cell.find(_FORMULA)
        if formula is not None and kind != "str":
            sheet.uncalculated.append(reference)
        return ""
    if kind == "s":
        return styles.strings[int(raw)]
    if kind == "n":
        return cell_text(styles.number(raw, style), styles.format(style))
    if kind == "b":
        return "TRUE" if raw.strip() in _TRUE else "FALSE"
    if kind == "d":
        return cell_text(styles.iso_date(raw), "")
    return cell_text(raw, "")  # str (a formula's text), e (an error: #N/A)


def _inline(inline: ElementTree.Element) -> str:
    """An inline string's text: its ``<t>``, or the ``<t>`` of each of its runs (not its phonetic guides)."""
    direct = inline.find(_TEXT)
    if direct is not None:
        return direct.text or ""
    return "".join(run.findtext(_TEXT) or "" for run in inline.iter(_RUN))


def _column(reference: str) -> int:
    """``AB12`` -> 28."""
    letters = reference.rstrip("0123456789$").lstrip("$").upper()
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for char in letters:
            number = number * 26 + ord(char) - 64
        _COLUMNS[letters] = number
    return number


_COLUMNS: dict[str, int] = {}


def _unmerge(sheet: Sheet, merges: list[str]) -> None:
    """A merged range's text and fill are its top-left cell's: its other cells are blank (continuations)."""
    last_row = max(sheet.grid, default=0)
    for reference in merges:
        first, _, last = reference.partition(":")
        if not last:
            continue
        top, left = _row_of(first), _column(first)
        bottom, right = min(_row_of(last), last_row), min(_column(last), 16384)
        for row in range(top, bottom + 1):
            cells = sheet.grid.get(row)
            if cells is None:
                continue
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    cells.pop(column, None)
            if not cells:
                del sheet.grid[row]


def _row_of(reference: str) -> int:
    digits = reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$").replace("$", "")
    return int(digits) if digits.isdigit() else 0
